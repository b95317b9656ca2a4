// 分離表現（日本語）：容量の目的関数の線、次元ごとの KL、MIG と相互情報量の表、要因による色分け、走査の見出し、解説。
import type { enDisentangle } from './enDisentangle';

export const jaDisentangle: Readonly<Record<keyof typeof enDisentangle, string>> = {
  'hyper.betaOnly': 'β-VAE の目的関数のときだけ使います。',
  'loss.capacity': '容量 C',
  'loss.klAxis': 'KL・C（nats）',

  'dis.title': '分離表現',
  'dis.measure': '測定',
  'dis.measuring': '測定中…',
  'dis.mig': 'MIG {value}',
  'dis.atStep': 'ステップ {step} 時点',
  'dis.notYet': 'MIG：Shapes で 1 エポック学習するか、「測定」を押してください。',
  'dis.noteNoFactors': 'MIG なし：要因がわかっているデータセット（Shapes）が必要です。',
  'dis.noteDim': '潜在次元 {d} では MIG は出せません：ある要因を最もよく表す 2 つの次元を比べる指標だからです。',
  'dis.noteDiverged': 'MIG なし：モデルが発散しました（コードが数値ではありません）。',
  'dis.noteOther': 'MIG なし：{note}',
  'dis.klCaption': '次元ごとの KL',
  'dis.klTotal': '合計 {total} nats',
  'dis.klAria': '次元ごとの KL',
  'dis.klItem': '{z} {v} nats',
  'dis.klAe': 'AE には KL がありません。',
  'dis.klWait': '次元ごとの KL：テスト画像のコードが届いたら表示します。',
  'dis.miCaption': 'I(z; 要因) / H',
  'dis.miAria': '相互情報量',
  'dis.miAltLead': '各潜在次元が各要因のエントロピーのうちどれだけを持つか：',
  'dis.colourBy': '色分け',
  'dis.colourLabel': 'ラベル',
  'dis.colourMissing': '{factor}はないため、ラベルで色分け。',
  'dis.scaleAria': '{factor}：{lo}（暗）から {hi}（明）',

  'x.disentangle.title': '分離表現：要因、β、MIG',
  'x.disentangle.short': '分離表現',
  'x.disentangle.topic': '分離表現',
  'x.disentangle.p1':
    '**変動の要因**とは、画像ごとに独立に変わるもののことです。Shapes では形、大きさ、向き、位置 x と位置 y です。画像はこれらから作られるので、1 枚ごとの本当の値がわかっています。',
  'x.disentangle.p2':
    'KL の項は各 $q(z|x)$ を、次元どうしが独立な事前分布 $𝒩(0, I)$ に引き寄せます。**β** を大きくすると引き寄せが強くなり、コードが使える nats が減ります。すると再構成を最も良くするところに 1 次元ずつ使う傾向が出ます。これが**分離された**コードです。',
  'x.disentangle.live': '現在：β = {beta}、KL {kl} nats（{d} 次元）、そのうち 0.1 nats より多く持つ次元は {active} 個です。',
  'x.disentangle.p3':
    '**MIG**（相互情報量ギャップ）は、各要因 $v_k$ について、最もよく知っている潜在次元が 2 番目よりどれだけ多く知っているかを測ります：$\\frac{1}{K}\\sum_k (I_{(1)} − I_{(2)}) / H(v_k)$。各 $μ_j$ は 20 区間に分けます。1 は各要因がそれぞれ 1 つの次元だけにあること、0 は共有されているか表されていないことを意味します。',
  'x.disentangle.mig': 'このモデル：ステップ {step} で MIG {mig}。',
  'x.disentangle.noMig': 'このモデルの MIG はまだありません。Shapes で 1 エポック学習するか、「測定」を押してください。',
  'x.disentangle.p4':
    '限界もあります。小さい値はふつうです（dSprites の β-VAE の報告値は 0.1〜0.3 ほど）。シードによって変わるので、いくつかのシードで比べてください。また 20 区間では、32 通りの位置について 1 つの潜在次元が示せるのは約 0.86 までです。',
  'x.disentangle.p5':
    '**容量アニーリング**（Burgess ら 2018）は β·KL の代わりに $γ\\,|\\mathrm{KL} − C|$ を使います。コードは $C$ nats まで持てて、$C$ は 0 から $C_{max}$ まで少しずつ上がるので、再構成に最も効く要因から 1 つずつ学びます。γ は KL を $C$ にどれだけ強く保つかです。',
  'x.disentangle.capacity': '現在：容量の目的関数、γ = {gamma}、C = {c}（上限 {cmax} nats）。',
  'x.disentangle.try': '同じシードで Shapes を β = 1 と β = 4 で学習し、MIG と表を比べてみましょう。',
};
