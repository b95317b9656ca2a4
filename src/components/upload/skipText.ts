// Why a file was skipped, in the page's language (the worker says it with a code).
import type { Skipped } from '../../data/imageImport/types';
import { IMPORT_LIMITS } from '../../data/imageImport/types';
import type { MessageKey, Translate } from '../i18n/translate';

export function skipReason(s: Skipped, t: Translate): string {
  const vars = { detail: s.detail ?? '', max: IMPORT_LIMITS.maxImages.toLocaleString('en') };
  if (s.code === 'notImage' && s.detail) return t('upload.skip.notImageFound', vars);
  if (s.code === 'undecodable' && s.detail) return t('upload.skip.undecodableWhy', vars);
  return t(`upload.skip.${s.code}` as MessageKey, vars);
}
