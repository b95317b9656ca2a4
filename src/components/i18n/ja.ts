// 日本語の辞書：画面と解説。キーは en.ts と同じです（型とテストで確かめています）。
import type { Messages } from './en';
import { jaChart } from './jaChart';
import { jaCompare } from './jaCompare';
import { jaRateDistortion } from './jaRateDistortion';
import { jaSweep } from './jaSweep';
import { jaDisentangle } from './jaDisentangle';
import { jaExplain } from './jaExplain';
import { jaModelExchange } from './jaModelExchange';
import { jaSaveLoad } from './jaSaveLoad';
import { jaUi } from './jaUi';
import { jaUpload } from './jaUpload';

export const ja: Messages = { ...jaUi, ...jaExplain, ...jaUpload, ...jaSaveLoad, ...jaChart, ...jaModelExchange, ...jaDisentangle, ...jaCompare, ...jaRateDistortion, ...jaSweep };
