// The English dictionary: the interface and the explanations. Its keys are the type every
// other language must match (ja.ts), and the default when no language is chosen.
import { enChart } from './enChart';
import { enCompare } from './enCompare';
import { enRateDistortion } from './enRateDistortion';
import { enSweep } from './enSweep';
import { enDisentangle } from './enDisentangle';
import { enExplain } from './enExplain';
import { enModelExchange } from './enModelExchange';
import { enSaveLoad } from './enSaveLoad';
import { enUi } from './enUi';
import { enUpload } from './enUpload';

export const en = { ...enUi, ...enExplain, ...enUpload, ...enSaveLoad, ...enChart, ...enModelExchange, ...enDisentangle, ...enCompare, ...enRateDistortion, ...enSweep };
export type MessageKey = keyof typeof en;
export type Messages = Readonly<Record<MessageKey, string>>;
