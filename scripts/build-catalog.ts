// Builds core/catalog/default-catalog.json: the default FleetPlan hardware catalog (DESIGN 3.2, 7).
// Every figure is written here once, with its source ids and, for estimates, the reasoning; the
// JSON is generated from it so derivations stay auditable. Run with Node 22:
//   node scripts/build-catalog.ts           (writes the JSON)
//   node scripts/build-catalog.ts --check   (exit 1 when the JSON on disk differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CatalogSchema } from '../core/types.ts';

const OUT = fileURLToPath(new URL('../core/catalog/default-catalog.json', import.meta.url));
/** Date the estimates in this file were made. */
const EST_DATE = '2026-11-22';

// ---------------------------------------------------------------------------------------------
// Sources: [url, date]. The first block is /work/shared/data/catalog.json `sources` (ids kept);
// the second block was looked up for this catalog (SambaNova, Taalas, Positron FPGA, Alveo V80).
const SRC: Record<string, [string, string]> = {
  MLC51: ["https://github.com/mlcommons/inference_results_v5.1/blob/main/summary_results.json", "2025-09-09"],
  MLC41_H100: ["https://github.com/mlcommons/inference_results_v4.1/blob/main/closed/NVIDIA/results/DGX-H100_H100-SXM-80GBx8_TRT/summary/README.md", "2024-08-28"],
  MLC41_H200SYS: ["https://github.com/mlcommons/inference_results_v4.1/blob/main/closed/NVIDIA/systems/H200-SXM-141GBx8_TRT_MaxQ.json", "2024-08-28"],
  MLC41_AMDSYS: ["https://github.com/mlcommons/inference_results_v4.1/blob/main/closed/AMD/systems/8xMI300X_2xEPYC-9374F.json", "2024-08-28"],
  MLC61_VR: ["https://github.com/mlcommons/inference_results_v6.1/tree/main/closed/NVIDIA/results/VR-NVL72_VR-288GB_aarch64x72_TRT", "2026"],
  MLC61_CRUSOE: ["https://github.com/mlcommons/inference_results_v6.1/blob/main/closed/Crusoe/systems/GB200-NVL72_GB200-186GB_aarch64x16_Dynamo.json", "2026"],
  MLRULES: ["https://github.com/mlcommons/inference_policies/blob/master/inference_rules.adoc", "2026-07-23"],
  NV_MLPERF51: ["https://pubt.io/view/1F10736CBCCD3D79DCB336A35D41F8C21E50AE89", "2025-09-09"],
  NV_MLPERF50: ["https://pglfmc.com/latest_news/nvidia-gtc25-nvidia-blackwell-delivers-massive-performance-leaps-in-mlperf-inference-v5-0-us-pioneer-global-vc-difchq-sfo-singapore-riyadh-swiss-our-mind", "2025-04"],
  NV_DGXB200: ["https://docs.nvidia.com/dgx/dgxb200-user-guide/introduction-to-dgxb200.html", "n.d."],
  AIPS_DGXB200: ["https://brent-newsom-nvidia.github.io/AIPS-Boom/wiki/NVIDIA-DGX-B200", "2026-05"],
  NV_DGXGB200: ["https://docs.nvidia.com/dgx/dgxgb200-user-guide/hardware.html", "n.d."],
  UNANS_DGXPWR: ["https://unanswered.io/guide/nvidia-dgx-power-consumption-watts", "n.d."],
  UNANS_DENSITY: ["https://unanswered.io/guide/nvidia-h100-gpu-density-per-node-rack", "n.d."],
  SUPERCLUSTER: ["https://www.supercluster.blog/p/4-nvidia-dgx-h100-hardware", "n.d."],
  SUPERCLUSTER_PWR: ["https://www.supercluster.blog/p/6-ai-supercluster-nvidia-dgx-h100", "n.d."],
  KLOCK_H100: ["https://glennklockwood.com/garden/processors/h100", "n.d."],
  KLOCK_B200: ["https://glennklockwood.com/garden/processors/B200", "n.d."],
  UVATION_H200: ["https://uvation.com/articles/nvidia-dgx-h200-components-deep-dive-into-the-hardware-architecture", "n.d."],
  INTROL_GB200: ["https://introl.com/blog/gb200-nvl72-deployment-72-gpu-liquid-cooled", "2025"],
  INTROL_GB300: ["https://introl.com/blog/why-nvidia-gb300-nvl72-blackwell-ultra-matters", "2025"],
  STH_NYB: ["https://nybreaking.com/this-is-what-nvidias-exaflop-supercomputer-in-a-rack-looks-like-the-dgx-gb200-nvl72-tower-most-likely-uses-48v-2-5ka-to-deliver-a-whopping-1440-petaflops-which-could-cost-millions", "2024-03"],
  AIWIKI_GB200: ["https://aiwiki.ai/wiki/nvidia_gb200_nvl72/raw", "n.d."],
  AGENTICBREW: ["https://www.agenticbrew.ai/news/3ff5ac1f-c2db-4a10-b410-bfd589b1e881/jensen-huang-reframes-the-gpu-as-a-rack-scale-ai-factory", "2026"],
  XATAKA: ["https://www.xatakaon.com/robotics-and-ai/nvidias-ai-supercomputer-costs-3-million-to-operate-it-uses-a-switch-with-nearly-2-miles-of-cable", "2024"],
  KSHIROL: ["https://kshirol-dev.github.io/learnAI/AIInfrastructure/08-training-clusters.html", "n.d."],
  NEXTFIN: ["https://www.nextfin.ai/en/news/nvidia-ai-rack-5-million-machine-ai-computing-cef5ec0d52", "2026-02-17"],
  AZURE_GB200: ["https://techcommunity.microsoft.com/blog/azurehighperformancecomputingblog/azure%E2%80%99s-nd-gb200-v6-delivers-record-performance-for-inference-workloads/4399253", "2025-04"],
  NV_INFMAX: ["https://developer.nvidia.com/blog/nvidia-blackwell-leads-on-new-semianalysis-inferencemax-benchmarks", "2025-10"],
  INSIDEHPC_MAV: ["https://insidehpc.com/2025/05/nvidia-reports-blackwell-surpasses-1000-tps-user-barrier-with-metas-llama-4-maverick/", "2025-05"],
  TOMS_MAV: ["https://www.tomshardware.com/tech-industry/artificial-intelligence/dgx-b200-blackwell-node-sets-world-record-breaking-over-1-000-tps-user", "2025-05"],
  SILICONTALES: ["https://silicontales.com/nvidia-vera-rubin-nvl72/", "2026"],
  PROVIDE_VR: ["https://provide.ai/?p=50674", "2026"],
  MEGAOBZOR: ["https://megaobzor.com/NVIDIA-predstavila-novii-superkomputer-dlja-II.html", "2025"],
  REGANTIH: ["https://regantih.github.io/reports-lab/sand-to-superintelligence/chapters/14-nvl72-drills.tsv", "2026"],
  GENZTECH: ["https://genztech.blog/p/nvidia-vera-rubin-nvl72-production/", "2026"],
  VULTR_ROCM: ["https://docs.vultr.com/inference-cookbook/rocm/getting-started/hardware-requirements", "n.d."],
  SVET: ["https://www.svethardware.cz/amd-predstavilo-instinct-mi325x-s-256gb-pameti-hbm3e-slibuje-i-vykonnejsi-mi355x/61224", "2024-10"],
  AWESOME_MI325X: ["https://awesomeagents.ai/hardware/amd-mi325x", "n.d."],
  CLIFF: ["https://www.cliffcenter.com/research/amd-inference-economics", "2026-05"],
  HF_MI300: ["https://huggingface.co/hardware/mi300", "n.d."],
  TPU_V6E: ["https://docs.cloud.google.com/tpu/docs/v6e.md.txt", "n.d."],
  TPU_V5E: ["https://docs.cloud.google.com/tpu/docs/v5e", "n.d."],
  JETSTREAM: ["https://github.com/AI-Hypercomputer/jetstream-pytorch/blob/main/benchmarks/summary.md", "2024-04-24"],
  SCALING_BOOK: ["https://jax-ml.github.io/scaling-book/", "2025-02"],
  VENGINEER: ["https://vengineer.hatenablog.com/entry/2024/11/13/080000", "2024-11-13"],
  COSMO: ["https://cosmo-edge.com/tpu-v6e-vs-v5e-v5p-performance", "n.d."],
  INTEL_PERF: ["https://intel.com/content/www/us/en/developer/platform/gaudi/model-performance.html", "2024-10"],
  NEXTPLAT_GAUDI: ["https://www.nextplatform.com/2024/06/13/stacking-up-intel-gaudi-against-nvidia-gpus-for-ai/", "2024-06-13"],
  PCGUIA: ["https://pcguia.pt/2024/04/nvidia-e-amd-tem-um-novo-rival-no-mercado-de-ia-a-intel", "2024-04"],
  CB_LAUNCH: ["https://www.cerebras.ai/blog/introducing-cerebras-inference-ai-at-instant-speed", "2024-08-27"],
  CB_3X: ["https://www.cerebras.ai/blog/cerebras-inference-3x-faster", "2024-10"],
  TOMS_405B: ["https://www.tomshardware.com/tech-industry/artificial-intelligence/cerebras-video-shows-ai-writing-code-75x-faster-than-worlds-fastest-ai-gpu-cloud-worlds-largest-chip-beats-awss-fastest-in-head-to-head-comparison", "2024-11-20"],
  AITECH_MAV: ["https://www.aitechsuite.com/ai-news/cerebras-doubles-nvidias-blackwell-speed-claims-llm-inference-record", "2025-05-30"],
  NEUROLINK: ["https://github.com/juspay/neurolink/blob/main/docs/getting-started/providers/cerebras.md", "2026-08"],
  AILG: ["https://ailearningguides.com/cerebras-llama-405b-969-tokens-second/", "2026"],
  TOMS_WSE3: ["https://www.tomshardware.com/tech-industry/artificial-intelligence/cerebras-launches-900000-core-125-petaflops-wafer-scale-processor-for-ai-theoretically-equivalent-to-about-62-nvidia-h100-gpus", "2024-03-13"],
  NEXTPLAT_WSE3: ["https://www.nextplatform.com/2024/03/14/cerebras-goes-hyperscale-with-third-gen-waferscale-supercomputers/", "2024-03-14"],
  ANANDTECH: ["https://www.anandtech.com/tag/llnl", "2019-2020"],
  AWESOME_WSE3: ["https://awesomeagents.ai/hardware/cerebras-wse-3", "n.d."],
  HN_CB: ["https://brios-git-crit-brianlovin.vercel.app/hn/44141728", "2025-05"],
  HNDISTILLED: ["https://hndistilled.com/story/42178761/", "2024-11"],
  SKILLS_CB: ["https://www.skills.sh/terminalskills/skills/cerebras", "2026-10"],
  HARN: ["https://docs.rs/crate/harn-vm/0.8.113/source/src/llm/catalog_sources/60-models/30-cerebras.toml", "2026-06-12"],
  TPU_GROQ: ["https://techpowerup.com/news-tags/Processor?page=3", "2024-02"],
  GROQ_DOCS: ["https://console.groq.com/docs/models.md", "2026"],
  JUPYTER: ["https://www.github.com/jupyterlab/jupyter-ai/issues/739", "2024-04"],
  HEXDOCS: ["https://hexdocs.pm/instructor/groq.html", "n.d."],
  SEMIWIKI: ["https://semiwiki.com/forum/threads/interesting-samsung-14nm-vs-tsmc-4nm-function-comparison-from-gorq-in-sff2024.20412/post-71231", "2024-06"],
  ONEME_GROQ: ["https://01.me/en/2024/02/groq/", "2024-02"],
  ISOPACK: ["http://isopack.blogspot.com/2024", "2024"],
  HN_GROQ568: ["https://alongsponsors.bestlkl.top/item?id=39445809", "2024-02"],
  LPX_CSRQOA: ["https://app.csrqoa.com/tr/news/detail/19533295", "2026"],
  AIWIKI_LPX: ["https://aiwiki.ai/wiki/nvidia_groq_lpx_rack/raw", "2026"],
  TOKENCOST: ["https://github.com/AgentOps-AI/tokencost/blob/59042a13/tokencost/model_prices.json", "2025-09-01"],
  AWS_CB: ["https://aws.amazon.com/ec2/capacityblocks/pricing/", "2024-12"],
  AWSNEG: ["https://awsnegotiations.com/gpu-instance-cost-strategy.html", "2026-05"],
  USAGEAI: ["https://www.usage.ai/blogs/aws/ai-ml-cost/llm-cost-optimization-aws/", "2025"],
  RUNPOD_DS: ["https://huggingface.co/datasets/600me/gpu-cloud-h100-a100-pricing-benchmark", "2026-10-19"],
  GMI: ["https://github.com/GMISWE/gmiswe.github.io/blob/main/docs/inference-engine/billing/price.md", "n.d."],
  PACKET: ["https://packet.ai/blog/gpu-pricing-models-compared", "2026-06"],
  TECHPLAINED: ["https://techplained.aptechsolutions.io/runpod-vs-vast-ai", "2026-04"],
  JETSON_BENCH: ["https://github.com/NVIDIA-AI-IOT/jetson-generative-ai-playground/blob/main/docs/benchmarks.md", "2024-12"],
  JETSON_AGX_SVG: ["https://github.com/NVIDIA-AI-IOT/jetson-generative-ai-playground/blob/main/docs/svgs/LLM%20Text%20Generation%20Rate.svg", "2024"],
  JETSON_MLC: ["https://github.com/dusty-nv/jetson-containers/blob/master/packages/llm/mlc/README.md", "2024"],
  BROJO: ["https://www.brojogopalsapui.com/ai-foundations/sub_contents/AI_hardware/jetson_orin_nano_light.html", "n.d."],
  FIXSTARS: ["https://blog.us.fixstars.com/?p=1855&preview=true", "n.d."],
  NVFORUM: ["https://forums.developer.nvidia.com/t/what-is-the-max-power-consumption-of-the-orin-agx-64gb/324194", "2025"],
  XIONG: ["https://github.com/XiongjieDai/GPU-Benchmarks-on-LLM-Inference", "2024"],
  CAMBRIAN: ["https://github.com/CambrianTech/continuum/pull/1627", "2026-06-15"],
  RTXSPECS: ["https://techsavvyed.co.uk/nvidia-rtx-5090-vs-rtx-4090-an-early-spec-comparison", "2025-01"],
  GEERLING: ["https://github.com/geerlingguy/ai-benchmarks/issues/7", "2025-01"],
  LILIPUTING: ["https://liliputing.com/raspberry-pi-5-offers-2x-the-performance-of-a-pi-4-for-60-and-up/", "2023-09-28"],
  TEKKIX: ["https://tekkix.com/articles/hardware/2026/02/another-manifestation-of-ram-shortage-raspber", "2026-02"],
  XCEL: ["https://xcelwebworks.com/?p=1936", "n.d."],
  ESP32_XZ: ["https://xiaozhi.dev/en/docs/esp32/technical-specs", "n.d."],
  GROKIPEDIA_ESP: ["https://grokipedia.com/page/ESP32-S3", "n.d."],
  UPTIME23: ["https://intelligence.uptimeinstitute.com/resource/large-data-centers-are-mostly-more-efficient-analysis-confirms", "2023"],
  UPTIME23S: ["https://intelligence.uptimeinstitute.com/index.php/resource/uptime-institute-global-data-center-survey-2023", "2023"],
  PUE24: ["https://datasetsearch.research.google.com/search?query=average+data+center+pue", "2024"],
  CLOUDNEWS: ["https://cloudnews.tech/uptime-institute-highlights-decline-in-data-center-energy-efficiency-improvements/", "2024"],
  LIQPUE: ["https://research-viewer.pages.dev/orbital-ai-datacenters-3/pages/terrestrial-pue/", "n.d."],
  SE_BLOG: ["https://blog.se.com/datacenter/2026/05/14/how-liquid-cooling-redefining-data-center-efficiency-beyond-pue/", "2026-05-14"],
  ENEFG: ["https://datacenterworldbrasil.com.br/en/blog/green-data-centers-strategies-to-achieve-pue-near-10", "n.d."],
  INVENIA: ["https://inveniatech.click4demos.co.in/?p=19777", "n.d."],
  CBRE_H2: ["https://www.cbre.com/insights/reports/north-america-data-center-trends-h2-2024", "2025-02"],
  CBRE_H1: ["https://www.cbre.com/insights/reports/north-america-data-center-trends-h1-2024", "2024-08"],
  EIA: ["https://www.eia.gov/electricity/monthly/epm_table_grapher.php?t=epmt_5_06_b", "2024-09"],
  EUROSTAT: ["https://ec.europa.eu/eurostat/statistics-explained/index.php?title=Electricity_price_statistics", "2024-10"],
  INSIDERMONKEY: ["https://insidermonkey.com/blog/nvidia-corporation-nasdaqnvda-q3-2024-earnings-call-transcript-1227317/5", "2023-11"],
  RAFAY: ["https://docs.stage.rafay.dev/blog/category/nvaie", "n.d."],
  FUNDALYST: ["https://fundalyst.xyz/NVDA/non_gpu/software/enterprise_licensing", "2026"],
  VUINK_REG: ["https://vuink.com/post/gurertvfgre-d-dpbz/2025/04/01/nvidia_ai_enterprise_cost", "2025-04-01"],
  SHAULKORAL: ["https://shaulkoral.com/useful-life-of-servers-and-network-assets-at-tech-companies/", "2023"],
  DEEPQUARRY: ["https://deepquarry.substack.com/p/amazon-revises-server-lifespan-amid", "2025-02"],
  TAXACCT: ["https://taxacct.com.au/metas-accounting-move-to-boost-profit", "2025"],
  // looked up for this catalog (2026-11-22)
  SN_BLOG: ['https://sambanova.ai/blog/sn40l-chip-best-inference-solution', '2024-09-10'],
  SN_AIWIKI: ['https://aiwiki.ai/wiki/sambanova_sn40l', '2026-06-09'],
  SN_DAC: ['https://62dac.conference-program.com/presentation/?id=SSSN027&sess=sess258', '2025-06'],
  SN_PRICING: ['https://usagepricing.com/blueprint/sambanova', '2026-06'],
  SN_HIVE: ['https://hivebook.wiki/wiki/sambanova-cloud-fast-open-model-inference-on-sn40l-dataflow-silicon', '2026-05'],
  TAALAS_ERTAS: ['https://www.ertas.ai/blog/taalas-hc1-hardwired-llama-fine-tuning', '2026-02'],
  TAALAS_QD: ['https://thequantumdispatch.com/articles/taalas-hc1-hardwired-llama-chip-17000-tokens-per-second', '2026-02-24'],
  TAALAS_CTOL: ['https://ctol.digital/news/taalas-hc1-review-17000-tokens-per-second-219m-raised-five-risks-every-investor-must-know/', '2026-02'],
  TAALAS_ASIAICT: ['http://asiaict.com/ai/13995.html', '2026-02-28'],
  POSITRON_AA: ['https://awesomeagents.ai/hardware/positron-atlas/', '2026'],
  POSITRON_AIC: ['https://www.aicerts.ai/news/positron-atlas-rivals-h100-via-efficient-chip-architecture-design/', '2026'],
  POSITRON_AIM: ['https://aimmediahouse.com/market-industry/positron-is-betting-on-large-models-the-market-is-thinking-small', '2025'],
  ALVEO_V80: ['https://xilinx.github.io/amr-docs/docs/3.0.0/V80/index.html', 'n.d.'],
  // looked up for the catalog review (2026-12-04)
  CB_FOUR: ['https://sbhn.g1b.me/item/47001147', '2026'],
  EPOCH_H100: ['https://github.com/epoch-research/training-cost-trends', '2024'],
  THINKMATE_H100: ['https://docs.google.com/spreadsheets/d/1Ft3RbeZ-w43kYSiLfYc1vxO41mK5lmJpcPC9GOYHAWc/edit?usp=sharing', '2024-08'],
  VR_PROD: ['https://app.bitstreamonline.net/de/blog/vera-rubin-nvl72-blackwell-six-chip-coordination-ai-compute-architecture-shift', '2026-06-02'],
  RUNPOD_B200: ['https://www.runpod.io/articles/guides/nvidia-b200', 'n.d.'],
  SPHERON_H200: ['https://www.spheron.network/blog/nvidia-h200-vs-b200-vs-gb200', '2026-03-17'],
  ESP32_MOD_A: ['https://talkin.icu/blog/upgrade-to-esp32-s3-a', 'n.d.'],
  ESP32_MOD_B: ['https://mihir-patel-64.github.io/03-Component-Selection/Component-Selection', 'n.d.'],
  KAITCHUP_70B: ['https://kaitchup.substack.com/p/run-llama-31-70b-instruct-on-your', '2024'],
  ANINTENT_CB: ['https://anintent.com/blog/cerebras-cs-3-low-latency-inference-api/', 'n.d.'],
  VR_5X: ['https://buzzbytech.com/covering-scientific-technical-ai-28', '2026-01'],
  HF_CONFIGS: ['https://huggingface.co/meta-llama/Llama-3.3-70B-Instruct/blob/main/config.json', 'n.d.'],
};

// ---------------------------------------------------------------------------------------------
type FieldSource = { source: string; as_of: string; estimate: boolean; note?: string };
type Point = { user_tps: number; unit_tps: number | null; ttft_ms: number };
type Perf = { model: string; units_per_replica?: number; points: Point[] };
type Opt = {
  id: string;
  name: string;
  vendor: string;
  tier: 'premium' | 'commodity' | 'edge';
  kind: 'system' | 'cloud_instance' | 'cloud_api' | 'edge_device';
  source: string;
  as_of: string;
  available_from?: string;
  notes?: string;
  field_sources: Record<string, FieldSource>;
  performance: Perf[];
  [k: string]: unknown;
};

function url(id: string): string {
  const s = SRC[id];
  if (!s) throw new Error(`unknown source id ${id}`);
  return s[0];
}
function src(ids: string[]): string {
  return ids.map(url).join(' ; ');
}
/** Undated sources carry the date they were retrieved for the shared reference data. */
const RETRIEVED = '2026-11-21';
/** latest dated source among ids (undated ones count as retrieved on RETRIEVED) */
function latest(ids: string[]): string {
  const dates = ids.map((id) => SRC[id]?.[1] ?? 'n.d.').filter((d) => /^\d{4}/.test(d)).map((d) => d.slice(0, 10));
  return dates.length ? dates.sort().at(-1)! : RETRIEVED;
}
/** date of a figure: that of its first dated source (the data source; later ids are context) */
function primary(ids: string[]): string {
  const d = ids.map((id) => SRC[id]?.[1] ?? 'n.d.').find((x) => /^\d{4}/.test(x));
  return d ? d.slice(0, 10) : RETRIEVED;
}
/**
 * Sources that are forum posts or comment threads (mirrors of Hacker News threads, a forum, a
 * GitHub issue of user reports): a figure whose only sources these are is a commenter's claim,
 * which a finance reader must not take for a published figure, so it is an estimate (est), never
 * cited as read. The default catalog marked the DGX B200's price "commenter claim" and not an
 * estimate.
 */
const COMMENTS = new Set(['HN_CB', 'HNDISTILLED', 'HN_GROQ568', 'SEMIWIKI', 'CB_FOUR', 'JUPYTER', 'NVFORUM']);

/** a figure read in the cited sources (published, secondary or simple arithmetic on them) */
function cite(ids: string[], note?: string): FieldSource {
  if (ids.length > 0 && ids.every((id) => COMMENTS.has(id))) throw new Error(`a figure cited from comments alone (${ids.join(', ')}) is an estimate: use est()`);
  const f: FieldSource = { source: src(ids), as_of: primary(ids), estimate: false };
  if (note) f.note = note;
  return f;
}
/** a figure estimated for this catalog (or marked (E) in the shared reference data) */
function est(ids: string[], note: string): FieldSource {
  return {
    source: ids.length ? src(ids) : 'FleetPlan catalog estimate (see note)',
    as_of: ids.length ? primary(ids) : EST_DATE,
    estimate: true,
    note,
  };
}
const r2 = (x: number) => Math.round(x * 100) / 100;
const r1 = (x: number) => Math.round(x * 10) / 10;

const options: Opt[] = [];
type OptInput = Omit<Opt, 'field_sources' | 'performance' | 'source' | 'as_of'> & { ids: string[] };
function option(o: OptInput): Opt {
  const { ids, ...rest } = o;
  const opt = { ...rest, source: src(ids), as_of: latest(ids), field_sources: {}, performance: [] } as unknown as Opt;
  options.push(opt);
  return opt;
}
function fs(o: Opt, field: string, f: FieldSource): void {
  o.field_sources[field] = f;
}
function points(o: Opt, model: string, label: string, pts: Point[], f: FieldSource): void {
  let p = o.performance.find((x) => x.model === model);
  if (!p) {
    p = { model, points: [] };
    o.performance.push(p);
  }
  p.points.push(...pts);
  o.field_sources[`performance.${model}.${label}`] = f;
}
/** DESIGN 3.2: `units` units of o together hold one copy of `model`; its unit_tps are per replica. */
function replica(o: Opt, model: string, units: number): void {
  const p = o.performance.find((x) => x.model === model);
  if (!p) throw new Error(`${o.id}: no performance for ${model}`);
  if (!Number.isInteger(units) || units < 1) throw new Error(`${o.id}/${model}: units_per_replica ${units}`);
  if (units > 1) p.units_per_replica = units;
}

// ---------------------------------------------------------------------------------------------
// Operating points from MLPerf Inference results (DESIGN 3.2). Bounds per benchmark (p99,
// MLRULES): Offline = no bound; Server / Interactive = TTFT and TPOT limits below.
// user_tps of a Server/Interactive point = 1000 / TPOT limit (the per-user speed the result
// guarantees at p99: conservative), ttft_ms = the TTFT limit.
// Offline point: unit_tps = the Offline result; per-user speed is not reported, so
// user_tps = half the Server bound speed and ttft_ms = twice the Server TTFT limit (E).
// Low-latency point (InferenceX-style, E): user_tps = 4 x the Interactive bound speed,
// unit_tps = 1/4 of the Interactive result (concurrency falls ~16x for a 4x faster stream on a
// memory-bound decoder), ttft_ms = 0.6 x the Interactive TTFT limit (shorter queues).
type Bound = { bench: string; server: [number, number]; interactive: [number, number] };
const BOUNDS: Record<string, Bound> = {
  'llama-3.3-70b': { bench: 'llama2-70b', server: [2000, 200], interactive: [450, 40] },
  'llama-3.1-8b': { bench: 'llama3.1-8b', server: [2000, 100], interactive: [500, 30] },
  'llama-3.1-405b': { bench: 'llama3.1-405b', server: [6000, 175], interactive: [4500, 80] },
  'deepseek-r1': { bench: 'deepseek-r1', server: [2000, 80], interactive: [1500, 15] },
  'gpt-oss-120b': { bench: 'gpt-oss-120b', server: [3000, 80], interactive: [2000, 20] },
};
type Scn = { value: number; ids: string[]; what: string; estimate?: boolean; note?: string };
type MlperfRes = { offline?: Scn; server?: Scn; interactive?: Scn; lowLatency?: boolean };

function mlperf(o: Opt, model: string, r: MlperfRes, scale = 1, scaleNote = ''): void {
  const b = BOUNDS[model];
  if (!b) throw new Error(`no MLPerf bounds for ${model}`);
  const sc = (v: number) => r1(v * scale);
  const scTxt = scale === 1 ? '' : ` x ${scale} ${scaleNote}`.trimEnd();
  const [sTtft, sTpot] = b.server;
  const [iTtft, iTpot] = b.interactive;
  if (r.offline) {
    const s = r.offline;
    points(o, model, 'offline', [{ user_tps: r2((0.5 * 1000) / sTpot), unit_tps: sc(s.value), ttft_ms: 2 * sTtft }],
      est(s.ids, `unit_tps = ${s.what} ${s.value} tok/s${scTxt}${s.estimate ? ' (itself an estimate)' : ' (cited)'}; ` +
        `Offline has no latency bound, so user_tps = half the ${b.bench} Server bound speed (0.5 x 1000/${sTpot} ms) and ttft_ms = 2 x ${sTtft} ms (estimates).` +
        (s.note ? ` ${s.note}` : '')));
  }
  if (r.server) {
    const s = r.server;
    const f = s.estimate ? est : cite;
    points(o, model, 'server', [{ user_tps: r2(1000 / sTpot), unit_tps: sc(s.value), ttft_ms: sTtft }],
      f(s.ids, `unit_tps = ${s.what} ${s.value} tok/s${scTxt}; user_tps = 1000 / TPOT p99 limit ${sTpot} ms, ttft_ms = TTFT p99 limit ${sTtft} ms (${b.bench} Server, MLRULES).` +
        (s.note ? ` ${s.note}` : '')));
  }
  if (r.interactive) {
    const s = r.interactive;
    const f = s.estimate ? est : cite;
    points(o, model, 'interactive', [{ user_tps: r2(1000 / iTpot), unit_tps: sc(s.value), ttft_ms: iTtft }],
      f(s.ids, `unit_tps = ${s.what} ${s.value} tok/s${scTxt}; user_tps = 1000 / TPOT p99 limit ${iTpot} ms, ttft_ms = TTFT p99 limit ${iTtft} ms (${b.bench} Interactive, MLRULES).` +
        (s.note ? ` ${s.note}` : '')));
    if (r.lowLatency) {
      points(o, model, 'low_latency', [{ user_tps: r2((4 * 1000) / iTpot), unit_tps: sc(s.value / 4), ttft_ms: Math.round(0.6 * iTtft) }],
        est(s.ids, `InferenceX-style latency-optimised point (estimate): user_tps = 4 x the Interactive bound speed (4 x 1000/${iTpot} ms), ` +
          `unit_tps = Interactive result / 4 (${s.value} / 4${scTxt}): a 4x faster stream on a memory-bound decoder needs ~16x smaller batches; ttft_ms = 0.6 x ${iTtft} ms.`));
    }
  }
}

// Shared derivations --------------------------------------------------------------------------
const LIFE = cite(['SHAULKORAL', 'DEEPQUARRY', 'TAXACCT'], 'Hyperscaler server depreciation lives 5-6 years; 60 months used as the planning life.');
const SUPPORT_EST = est(['SUPERCLUSTER'], 'Generic OEM support norm 10-20 %/yr of hardware price (shared data (E)); the one cited data point is DGX 1-yr support ~20 %. 15 % used.');
const R_H200_INT = 23079.9 / 34029.4; // H200 70B Interactive / Server (MLC51)
const R_H200_INT_8B = 53475.2 / 64914.6; // H200 8B Interactive / Server (MLC51)
const MLP = ['MLC51', 'MLRULES'];
const EDGE_LIFE = est([], 'Shared data (E): 3-5 years for this device class; 48 months used.');

// Premium systems keep weights and KV cache in on-chip SRAM, so the streams one model copy can
// serve at full speed are bounded by the SRAM its weights leave free. Context held per stream:
const CTX = 2048;
/** 16-bit KV-cache bytes per token = 2 (K, V) x layers x KV heads x head dim x 2 bytes (model configs). */
const KV = {
  l8b: 2 * 32 * 8 * 128 * 2,
  l70b: 2 * 80 * 8 * 128 * 2,
  l405b: 2 * 126 * 8 * 128 * 2,
  maverick: 2 * 48 * 8 * 128 * 2,
  gptoss: 2 * 36 * 8 * 64 * 2,
};
/**
 * Owner's cost per million output tokens of one replica at 80 % utilisation over 36 months at the
 * default site (PUE 1.4, $0.10/kWh): the figure core/catalog/catalog.test.ts holds against the
 * vendor's API price (it re-implements this formula independently). Used here only in notes.
 */
function ownerCostPerM(price: number, supportPct: number, typicalKw: number, units: number, unitTps: number): number {
  const cost = units * (price * (1 + (supportPct / 100) * 3) + typicalKw * 1.4 * 730 * 36 * 0.1);
  return (cost / (unitTps * 0.8 * 3600 * 730 * 36)) * 1e6;
}

// =============================================================================================
// PREMIUM tier
// =============================================================================================
{
  const o = option({
    id: 'cerebras-cs3', name: 'Cerebras CS-3 (WSE-3) system', vendor: 'Cerebras', tier: 'premium', kind: 'system',
    ids: ['TOMS_WSE3', 'CB_LAUNCH', 'CB_3X', 'TOMS_405B', 'ANANDTECH', 'AWESOME_WSE3', 'CB_FOUR'],
    rack_units: 15, racks_per_unit: 1, max_power_kw: 23, typical_power_kw: 18, cooling: 'air', price_usd: 2_500_000,
    support_pct_per_year: 15, lifetime_months: 60,
    notes: 'One WSE-3 wafer (44 GB SRAM) per CS-3; a model copy spans as many CS-3 as its 16-bit weights need (units_per_replica: 70B on 4, Maverick and 405B on ~20). ' +
      'Per-user speeds are Cerebras Cloud figures. Aggregate capacity is not published: unit_tps per replica = concurrent streams x per-user speed, the streams bounded by the SRAM left for the KV cache ' +
      `(${CTX} tokens of context per stream, 16-bit KV). Checked against Cerebras\'s own API prices (catalog test: owned cost per M output tokens at 80 % over 36 months within 3x the API price). Replace with a vendor sizing quote.`,
  });
  fs(o, 'rack_units', est(['ANANDTECH'], 'CS-1 was documented as 15U; CS-3 assumed same chassis class (shared data (E)).'));
  fs(o, 'racks_per_unit', est(['ANANDTECH'], 'A 15U chassis: one unit occupies part of one rack (DESIGN 4: units per rack limited by U and rack kW).'));
  fs(o, 'max_power_kw', est(['AWESOME_WSE3', 'HNDISTILLED', 'ANANDTECH', 'TOMS_WSE3'], 'No datasheet figure; CS-1 ~20 kW, WSE-3 same power as CS-2, secondary claims 15-23 kW; 23 kW planning max (shared data (E)).'));
  fs(o, 'typical_power_kw', est([], '~78 % of the 23 kW planning max (typical = 60-80 % of nameplate).'));
  fs(o, 'cooling', est(['ANANDTECH', 'HNDISTILLED'], 'No source describes the CS-3 itself: AnandTech describes the CS-1 and the HN Distilled thread summary gives commenters\' claims, so an estimate. Internal closed-loop water, rejecting heat either to facility air (air-to-facility) or to facility water (shared data). The facility needs no liquid loop, so FleetPlan\'s site rule treats it as air-cooled; its 23 kW per chassis still needs racks rated above 23 kW.'));
  fs(o, 'price_usd', est(['AWESOME_WSE3', 'HN_CB', 'ANANDTECH'], 'No list price; secondary claims $2M-3M per CS-3; midpoint $2.5M.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  const cs3 = { price: 2_500_000, support: 15, kw: 18 };
  const sram = (units: number) => units * 44;
  // [model, label, user_tps, ttft, units per replica, weight GB, KV bytes per token, streams, user_tps source ids, what]
  const rows: [string, number, number, number, number, number, number, string[], string][] = [
    ['llama-3.1-8b', 1800, 150, 1, 16, KV.l8b, 96, ['CB_LAUNCH'], 'user_tps 1,800 = Cerebras Inference launch figure (16-bit, one stream); ttft estimated (premium class).'],
    ['llama-3.3-70b', 2100, 200, 4, 140 + 16, KV.l70b, 28, ['CB_3X', 'CB_FOUR', 'ANINTENT_CB'], 'user_tps 2,100 = Llama 3.1 70B with speculative decoding (vendor; proxy for 3.3 70B). Cerebras: "70B models fit on as few as four systems"; the 8B draft model (16 GB) shares the wafers. Measured TTFT ~170 ms (AA); 200 ms used.'],
    ['llama-3.1-405b', 969, 240, 20, 810, KV.l405b, 64, ['TOMS_405B', 'HNDISTILLED'], 'user_tps 969 and TTFT 0.24 s (vendor, via Tom\'s Hardware); ~20 wafers (HN estimate 19-22) for 810 GB of 16-bit weights.'],
    ['llama-4-maverick', 2522, 200, 20, 800, KV.maverick, 192, ['AITECH_MAV', 'HNDISTILLED'], 'user_tps 2,522 (Artificial Analysis, 2025-05: >2,500 tok/s); ~20 wafers for 800 GB of 16-bit weights (shared data: HN estimate). ttft estimated.'],
    ['gpt-oss-120b', 3000, 200, 6, 234, KV.gptoss, 192, ['NEUROLINK', 'AILG'], 'user_tps ~3,000 (secondary); 117B params at 16-bit = 234 GB on 6 wafers (estimate; Cerebras does not say how many). ttft estimated.'],
  ];
  for (const [model, tps, ttft, units, wGb, kvB, streams, ids, what] of rows) {
    const freeGb = sram(units) - wGb;
    const bound = Math.floor((freeGb * 1e9) / (CTX * kvB));
    if (streams > bound) throw new Error(`cerebras-cs3/${model}: ${streams} streams exceed the KV bound ${bound}`);
    const unitTps = streams * tps;
    points(o, model, 'cerebras', [{ user_tps: tps, unit_tps: unitTps, ttft_ms: ttft }],
      est([...ids, 'TOMS_WSE3', 'HF_CONFIGS'], `${what} Replica = ${units} CS-3 (${sram(units)} GB SRAM) holding ${wGb} GB of weights; the ${freeGb} GB left hold at most ${bound} streams of ${CTX} tokens ` +
        `(${kvB.toLocaleString('en-US')} bytes of 16-bit KV per token); ${streams} streams assumed x ${tps} tok/s = ${unitTps.toLocaleString('en-US')} tok/s per replica (estimate). ` +
        `Owner cost at 80 % over 36 months (price + support + energy at PUE 1.4, $0.10/kWh) ≈ $${ownerCostPerM(cs3.price, cs3.support, cs3.kw, units, unitTps).toFixed(2)} per M output tokens.`));
    replica(o, model, units);
  }
  fs(o, 'api_parity.llama-4-maverick', est(['TOKENCOST', 'SKILLS_CB'],
    `Allowed above 3x the vendor API: owned ≈ $${ownerCostPerM(cs3.price, cs3.support, cs3.kw, 20, 192 * 2522).toFixed(2)} per M output tokens vs $0.60 for api-cerebras-llama-4-maverick (${(ownerCostPerM(cs3.price, cs3.support, cs3.kw, 20, 192 * 2522) / 0.6).toFixed(1)}x), ` +
    'but that API price is itself an estimate (no Cerebras Maverick price was retrieved; priced like GroqCloud). Replace both with quotes.'));
}
{
  const mk = (model: string, label: string, inp: number, out: number, priceIds: string[], tps: number, speedIds: string[], ttft: number, speedNote: string, priceEst?: string) => {
    const o = option({
      id: `api-cerebras-${model}`, name: `Cerebras Cloud API — ${label}`, vendor: 'Cerebras', tier: 'premium', kind: 'cloud_api',
      ids: [...priceIds, ...speedIds], usd_per_m_input: inp, usd_per_m_output: out,
    });
    if (priceEst) {
      fs(o, 'usd_per_m_input', est(priceIds, priceEst));
      fs(o, 'usd_per_m_output', est(priceIds, priceEst));
    } else {
      fs(o, 'usd_per_m_input', cite(priceIds, 'Token price (aggregator snapshot); verify on the provider pricing page.'));
      fs(o, 'usd_per_m_output', cite(priceIds));
    }
    points(o, model, 'api', [{ user_tps: tps, unit_tps: null, ttft_ms: ttft }],
      est(speedIds, `${speedNote} ttft_ms ${ttft} estimated (premium APIs ~100-250 ms; Cerebras 405B vendor TTFT 0.24 s). unit_tps null: no capacity limit for the buyer.`));
  };
  mk('llama-3.1-8b', 'Llama 3.1 8B', 0.1, 0.1, ['TOKENCOST'], 1800, ['CB_LAUNCH'], 150, 'user_tps 1,800 (Cerebras launch blog, published).');
  mk('llama-3.3-70b', 'Llama 3.3 70B', 0.85, 1.2, ['TOKENCOST'], 2100, ['CB_3X'], 200, 'user_tps 2,100 = Llama 3.1 70B figure (vendor) used for 3.3 70B (same architecture).');
  mk('gpt-oss-120b', 'gpt-oss-120b', 0.35, 0.75, ['HARN'], 3000, ['NEUROLINK', 'AILG'], 200, 'user_tps ~3,000 (secondary). Price verified 2026-06-12 (HARN).');
  mk('llama-4-maverick', 'Llama 4 Maverick', 0.2, 0.6, ['TOKENCOST', 'SKILLS_CB'], 2522, ['AITECH_MAV', 'TOMS_MAV'], 200,
    'user_tps 2,522 (Artificial Analysis via AI Tech Suite, 2025-05: "over 2,500 tok/s", vs DGX B200 1,038).',
    'No Cerebras Maverick price was retrieved (served as a preview model in 2025; SKILLS_CB lists Llama 4 as retired by 2026-10). Priced like GroqCloud Maverick ($0.20/$0.60, TOKENCOST), the same output price as DeepInfra; estimate.');
}
{
  const o = option({
    id: 'groq-groqrack', name: 'GroqRack (64 GroqChip LPUs, GroqChip v1)', vendor: 'Groq', tier: 'premium', kind: 'system',
    ids: ['TPU_GROQ', 'ISOPACK', 'ONEME_GROQ', 'HN_GROQ568', 'SEMIWIKI', 'JUPYTER', 'HEXDOCS'],
    rack_units: 42, racks_per_unit: 1, max_power_kw: 18, typical_power_kw: 13, cooling: 'air', price_usd: 1_400_000,
    support_pct_per_year: 15, lifetime_months: 60,
    notes: 'One unit = one GroqRack = 8 GroqNodes x 8 GroqCards = 64 LPUs (230 MB SRAM each, 14.7 GB per rack). A 70B copy spans ~576 chips = 9 racks (units_per_replica 9); 8B fits one rack. ' +
      'Aggregate capacity is not published: unit_tps per replica = streams x per-user speed, the streams bounded by the SRAM left for the KV cache. ' +
      'The rack price rests on the qty-1 distributor price of a GroqCard, far above Groq\'s own cost: at that price owned racks cost several times GroqCloud per token (field_sources.api_parity gives the ratios). At 18 kW it needs racks rated above the common 15 kW cap. ' +
      'NVIDIA licensed Groq technology in Dec 2025 and announced a Groq 3 LPX rack (256 LPUs, 128 GB SRAM) for H2 2026: no price or throughput published, not listed.',
  });
  fs(o, 'rack_units', est(['SEMIWIKI', 'ISOPACK'], 'One full rack (42U) per 64-chip GroqRack; ~8-10 racks for a 70B deployment (secondary).'));
  fs(o, 'racks_per_unit', est(['SEMIWIKI', 'ISOPACK'], 'One unit = one rack; a 70B copy spans 9 units (units_per_replica), not one multi-rack unit, because racks are bought and powered one by one.'));
  fs(o, 'max_power_kw', est(['ONEME_GROQ'], '64 chips x 215 W TDP = 13.8 kW (derived) + 8 host servers/switches ~4 kW = ~18 kW (estimate).'));
  fs(o, 'typical_power_kw', est([], '~72 % of max.'));
  fs(o, 'cooling', est([], 'Air (PCIe cards); shared data (E).'));
  fs(o, 'price_usd', est(['ISOPACK'], '64 GroqCards x $20,000 (distributor qty-1 price, secondary) = $1.28M + ~10 % hosts/network = $1.4M (estimate). Groq sells no racks at a published price.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  const rack = { price: 1_400_000, support: 15, kw: 13 };
  // [model, user_tps, ttft, racks per replica, weight GB (8-bit), KV bytes/token, streams, api $/M out, ids, what]
  const rows: [string, number, number, number, number, number, number, number, string[], string][] = [
    ['llama-3.1-8b', 877, 150, 1, 8, KV.l8b, 24, 0.08, ['JUPYTER'], 'user_tps 877 = GroqCloud Llama 3 8B (secondary, 2024; proxy for 3.1 8B); 8 GB of 8-bit weights in one rack.'],
    ['llama-3.3-70b', 275, 200, 9, 70, KV.l70b, 88, 0.79, ['HEXDOCS', 'HN_GROQ568', 'SEMIWIKI'], 'user_tps 275 = GroqCloud llama-3.3-70b-versatile (secondary); ~576 chips = 9 racks hold 70 GB of 8-bit weights.'],
  ];
  for (const [model, tps, ttft, units, wGb, kvB, streams, api, ids, what] of rows) {
    const freeGb = units * 64 * 0.23 - wGb;
    const bound = Math.floor((freeGb * 1e9) / (CTX * kvB));
    if (streams > bound) throw new Error(`groq-groqrack/${model}: ${streams} streams exceed the KV bound ${bound}`);
    const unitTps = streams * tps;
    const cpm = ownerCostPerM(rack.price, rack.support, rack.kw, units, unitTps);
    points(o, model, 'groq', [{ user_tps: tps, unit_tps: unitTps, ttft_ms: ttft }],
      est([...ids, 'TPU_GROQ', 'HF_CONFIGS'], `${what} Replica = ${units} rack(s) (${r1(units * 64 * 0.23)} GB SRAM); the ${r1(freeGb)} GB left hold at most ${bound} streams of ${CTX} tokens ` +
        `(16-bit KV); ${streams} streams x ${tps} tok/s = ${unitTps.toLocaleString('en-US')} tok/s per replica (estimate); ttft ${ttft} ms estimated. Owner cost ≈ $${cpm.toFixed(2)} per M output tokens (80 %, 36 months).`));
    replica(o, model, units);
    // the rack price at which this replica would cost 3x the API per token (same formula)
    const fair = ((3 * api * unitTps * 0.8 * 3600 * 730 * 36) / 1e6 / units - rack.kw * 1.4 * 730 * 36 * 0.1) / (1 + (rack.support / 100) * 3);
    fs(o, `api_parity.${model}`, est(['ISOPACK', 'TOKENCOST'],
      `Allowed above 3x the vendor API: owned $${cpm.toFixed(2)} vs GroqCloud $${api} per M output tokens = ${(cpm / api).toFixed(1)}x; within 3x the rack would have to cost ≤ $${Math.round(fair / 1000)}k. ` +
      'The SRAM bound on concurrency is physical, so the gap lies in the price: $20k per GroqCard is a qty-1 distributor price, far above what GroqCloud\'s prices imply Groq pays. Replace the price with a vendor quote.'));
  }
}
{
  const mk = (model: string, label: string, inp: number, out: number, tps: number, speedIds: string[], ttft: number, speedNote: string) => {
    const o = option({
      id: `api-groq-${model}`, name: `GroqCloud API — ${label}`, vendor: 'Groq', tier: 'premium', kind: 'cloud_api',
      ids: ['TOKENCOST', ...speedIds], usd_per_m_input: inp, usd_per_m_output: out,
    });
    fs(o, 'usd_per_m_input', cite(['TOKENCOST'], 'LiteLLM-derived tokencost snapshot 2025-09-01 (secondary); verify on console.groq.com.'));
    fs(o, 'usd_per_m_output', cite(['TOKENCOST']));
    points(o, model, 'api', [{ user_tps: tps, unit_tps: null, ttft_ms: ttft }],
      est(speedIds, `${speedNote} ttft_ms ${ttft} estimated (premium API class).`));
  };
  mk('llama-3.1-8b', 'Llama 3.1 8B (instant)', 0.05, 0.08, 877, ['JUPYTER'], 150, 'user_tps 877 (Llama 3 8B on GroqCloud, secondary, 2024).');
  mk('llama-3.3-70b', 'Llama 3.3 70B (versatile)', 0.59, 0.79, 275, ['HEXDOCS'], 200, 'user_tps ~275 (secondary).');
  mk('llama-4-maverick', 'Llama 4 Maverick', 0.2, 0.6, 300, ['TOMS_MAV'], 200, 'user_tps "just under 300" (Artificial Analysis via Tom\'s Hardware, 2025-05).');
  mk('gpt-oss-120b', 'gpt-oss-120b', 0.15, 0.75, 500, ['GROQ_DOCS', 'AILG'], 200, 'user_tps ~500 (GroqCloud docs; AA ~476).');
}
{
  const o = option({
    id: 'sambanova-sn40l-16', name: 'SambaNova SambaRack SN40L-16 (16 RDUs)', vendor: 'SambaNova', tier: 'premium', kind: 'system',
    ids: ['SN_AIWIKI', 'SN_BLOG', 'SN_DAC'],
    rack_units: 42, racks_per_unit: 1, max_power_kw: 14, typical_power_kw: 10, cooling: 'air', price_usd: 1_500_000,
    support_pct_per_year: 15, lifetime_months: 60,
    notes: 'SN40L RDU: 2 dies, 64 GB HBM3 + up to 1.5 TB DDR5 per socket; 16 sockets per rack-level system. Systems are sales-quoted (no public price); aggregate capacity is not published: unit_tps values are estimates from per-user speeds.',
  });
  fs(o, 'rack_units', est(['SN_AIWIKI'], 'SN40L-16 is described as a rack-level system in conventional 19-inch racks; one 42U rack assumed.'));
  fs(o, 'racks_per_unit', est(['SN_AIWIKI'], 'One 16-socket system per rack.'));
  fs(o, 'typical_power_kw', cite(['SN_AIWIKI'], '"an average of just 10 kWh during inference" (read as ~10 kW average draw).'));
  fs(o, 'max_power_kw', est(['SN_AIWIKI'], '~1.4 x the 10 kW average inference draw (typical ≈ 70 % of nameplate).'));
  fs(o, 'cooling', cite(['SN_AIWIKI'], 'Air-cooled in conventional 19-inch racks.'));
  fs(o, 'price_usd', est(['SN_PRICING'], 'No public price ("sales-quoted"). Estimate: 16 accelerators with HBM + 24 TB DDR5, priced like ~2x an 8-GPU H200 server per 8 sockets plus rack integration → ~$1.5M.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  // SN40L keeps weights and KV cache in HBM (64 GB per socket, 1 TB per rack) backed by DDR: concurrency is
  // bounded by compute, not memory. Decode FLOPs per token = 2 x active params; 16 x 638 TFLOPS BF16 peak.
  const snPeak = 16 * 638e12;
  const sn = (model: string, active: number, pts: [number, number, number][], ids: string[], what: string) => {
    const detail = pts.map(([tps, streams]) => {
      const util = (2 * active * 1e9 * tps * streams) / snPeak;
      if (util > 0.4) throw new Error(`sambanova/${model}: ${(util * 100).toFixed(0)} % of peak compute`);
      return `${streams} streams at ${tps} tok/s = ${(tps * streams).toLocaleString('en-US')} tok/s (${(util * 100).toFixed(1)} % of BF16 peak)`;
    });
    points(o, model, 'sambanova', pts.map(([tps, streams, ttft]) => ({ user_tps: tps, unit_tps: tps * streams, ttft_ms: ttft })),
      est(ids, `${what} unit_tps per rack = streams x per-user speed: ${detail.join('; ')}. Streams are estimates, kept below 40 % of the 16 x 638 TFLOPS BF16 peak (memory does not bind: 1 TB HBM per rack); ttft estimated.`));
  };
  sn('llama-3.1-8b', 8, [[1042, 32, 200], [500, 128, 300]], ['SN_BLOG', 'SN_AIWIKI'], 'user_tps 1,042 (Llama 3.1 8B, 16-bit, Artificial Analysis via SambaNova blog 2024-09); 500 tok/s is a batched point (estimate).');
  sn('llama-3.3-70b', 70, [[457, 16, 250], [200, 96, 400]], ['SN_BLOG', 'SN_HIVE', 'SN_AIWIKI'], 'user_tps 457 (Llama 3.1 70B 16-bit, AA via SambaNova blog; AA May 2026: 292-717 tok/s across the SambaCloud lineup); 200 tok/s is a batched point (estimate).');
  sn('llama-3.1-405b', 405, [[129, 16, 400]], ['SN_BLOG', 'SN_AIWIKI'], 'user_tps 129 (Llama 3.1 405B 16-bit, AA via SambaNova blog).');
  sn('deepseek-r1', 37, [[198, 16, 500]], ['SN_DAC', 'SN_AIWIKI'], '"a single rack of 16 SN40L RDUs serves DeepSeek-R1 671B at 198 tokens/s" (DAC 2025 talk); 37B active parameters per token.');
}
{
  const mk = (model: string, label: string, inp: number, out: number, tps: number, ttft: number, speedNote: string) => {
    const o = option({
      id: `api-sambanova-${model}`, name: `SambaNova Cloud API — ${label}`, vendor: 'SambaNova', tier: 'premium', kind: 'cloud_api',
      ids: ['SN_PRICING', 'SN_BLOG', 'SN_HIVE'], usd_per_m_input: inp, usd_per_m_output: out,
    });
    fs(o, 'usd_per_m_input', cite(['SN_PRICING'], 'SambaCloud rate card as of June 2026 (via usagepricing.com).'));
    fs(o, 'usd_per_m_output', cite(['SN_PRICING']));
    points(o, model, 'api', [{ user_tps: tps, unit_tps: null, ttft_ms: ttft }], est(['SN_BLOG', 'SN_HIVE'], `${speedNote} ttft_ms ${ttft} estimated (AA reports sub-2 s TTFT across the lineup).`));
  };
  mk('llama-3.3-70b', 'Meta-Llama-3.3-70B-Instruct', 0.6, 1.2, 457, 250, 'user_tps 457 (Llama 3.1 70B, AA 2024-09, via SambaNova blog); within the 292-717 tok/s AA May 2026 range.');
  mk('gpt-oss-120b', 'gpt-oss-120b', 0.22, 0.59, 600, 250, 'user_tps 600 estimated: upper part of the 292-717 tok/s AA May 2026 range for the SambaCloud lineup (gpt-oss-120b is a 5B-active MoE).');
}
{
  const o = option({
    id: 'taalas-hc1-server', name: 'Taalas HC1 server (10 x HC1, Llama 3.1 8B hard-wired)', vendor: 'Taalas', tier: 'premium', kind: 'system',
    ids: ['TAALAS_ERTAS', 'TAALAS_QD', 'TAALAS_CTOL', 'TAALAS_ASIAICT'],
    available_from: '2026-06',
    rack_units: 4, max_power_kw: 2.5, typical_power_kw: 2, cooling: 'air', price_usd: 80_000,
    support_pct_per_year: 15, lifetime_months: 36,
    notes: 'HC1: TSMC 6 nm, 815 mm², 53 B transistors; Llama 3.1 8B weights in mask ROM (3-bit base + 6-bit parameters), KV cache and LoRA adapters in SRAM. Serves ONLY Llama 3.1 8B. Announced 2026-02 with a beta service; price and volume availability not published.',
  });
  fs(o, 'available_from', est(['TAALAS_CTOL'], 'Unveiled 2026-02-19 with working silicon and a beta demo; orderable volume date not published: 2026-06 assumed.'));
  fs(o, 'rack_units', est([], '10 PCIe cards in one server: 4U assumed.'));
  fs(o, 'max_power_kw', cite(['TAALAS_QD', 'TAALAS_CTOL', 'TAALAS_ERTAS'], '~250 W per HC1; ten cards in a server at 2.5 kW, air-cooled.'));
  fs(o, 'typical_power_kw', est([], '80 % of the 2.5 kW server figure.'));
  fs(o, 'cooling', cite(['TAALAS_QD', 'TAALAS_CTOL'], 'Standard air cooling; no HBM, no liquid cooling.'));
  fs(o, 'price_usd', est(['TAALAS_ASIAICT', 'TAALAS_ERTAS'], 'No price published. $80k per 10-card server assumed; check: ($80k + 36 months of support and energy) / (150,000 tok/s x 36 months) ≈ $0.01 per M tokens, the order of the vendor claim of 0.75 cents per M tokens and "20x lower cost than GPUs".'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', est([], '36 months: a hard-wired model chip becomes obsolete with its model, sooner than a GPU server.'));
  points(o, 'llama-3.1-8b', 'hc1', [{ user_tps: 15000, unit_tps: 150000, ttft_ms: 100 }],
    est(['TAALAS_QD', 'TAALAS_CTOL', 'TAALAS_ERTAS'], 'Vendor 17,000 tok/s per user; demos sustained 15,000-16,000 (14,357 measured in one demo), so user_tps 15,000. unit_tps assumes one full-speed stream per card x 10 cards (concurrency per chip not published; estimate). ttft 100 ms estimated (a whole answer came back in 0.138 s in the demo).'));
}

// =============================================================================================
// COMMODITY tier: systems
// =============================================================================================
{
  const o = option({
    id: 'nvidia-hgx-h100', name: 'NVIDIA HGX/DGX H100 (8x H100 SXM 80GB)', vendor: 'NVIDIA', tier: 'commodity', kind: 'system',
    ids: ['MLC51', 'MLC41_H100', 'UNANS_DGXPWR', 'SUPERCLUSTER', 'EPOCH_H100', 'THINKMATE_H100'],
    rack_units: 8, max_power_kw: 10.2, typical_power_kw: 7.5, cooling: 'air', price_usd: 295_000,
    support_pct_per_year: 20, lifetime_months: 60,
    notes: 'MLPerf v5.1 H100 70B results are from a 16-GPU (2-node) Cisco submission split per 8 GPUs (+~25 % over v4.1 from software). 405B not listed: it does not fit one 640 GB server.',
  });
  fs(o, 'rack_units', cite(['UNANS_DENSITY']));
  fs(o, 'max_power_kw', cite(['UNANS_DGXPWR', 'SUPERCLUSTER_PWR'], 'DGX H100 system max 10.2 kW.'));
  fs(o, 'typical_power_kw', cite(['SUPERCLUSTER_PWR'], 'Typical 6.5-8.5 kW; midpoint 7.5 kW.'));
  fs(o, 'cooling', cite(['UNANS_DENSITY']));
  fs(o, 'price_usd', est(['EPOCH_H100', 'THINKMATE_H100', 'SUPERCLUSTER'], 'Public estimates for an 8x H100 system are $270k-320k: SemiAnalysis DGX H100 sale price ~$270k (via Epoch AI, 2023) and a Thinkmate HGX H100 quote of $317k with 8x 400G NICs (archived 2024-08; $310k used in that cost model). Midpoint $295k. The $199,000 "base price" on the Supercluster page is attributed there to "one source" and matches the DGX A100 launch price, so it is not used.'));
  fs(o, 'support_pct_per_year', cite(['SUPERCLUSTER'], 'DGX 1-yr support ~20 % of base price (secondary).'));
  fs(o, 'lifetime_months', LIFE);
  mlperf(o, 'llama-3.3-70b', {
    offline: { value: 31175.8, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Offline (Cisco 16x H100 62,351.6 / 2)' },
    server: { value: 30550.7, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Server (Cisco 16x H100 61,101.3 / 2)' },
    interactive: { value: r1(30550.7 * R_H200_INT), ids: MLP, what: 'estimated Interactive = Server x 0.678 (H200 Interactive/Server ratio, MLPerf v5.1)', estimate: true },
    lowLatency: true,
  });
  mlperf(o, 'llama-3.1-8b', {
    offline: { value: 5777.1, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 8B Offline per GPU (Red Hat, vLLM)' },
    server: { value: 5104.0, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 8B Server per GPU (Red Hat, vLLM)' },
    interactive: { value: r1(5104.0 * R_H200_INT_8B), ids: MLP, what: 'estimated Interactive per GPU = Server x 0.824 (H200 8B Interactive/Server ratio)', estimate: true },
    lowLatency: true,
  }, 8, '(8 GPUs per server, independent replicas)');
}
{
  const o = option({
    id: 'nvidia-hgx-h200', name: 'NVIDIA HGX/DGX H200 (8x H200 SXM 141GB)', vendor: 'NVIDIA', tier: 'commodity', kind: 'system',
    ids: ['MLC51', 'MLC41_H200SYS', 'UNANS_DGXPWR'],
    rack_units: 8, max_power_kw: 10.2, typical_power_kw: 7.5, cooling: 'air', price_usd: 300_000,
    support_pct_per_year: 15, lifetime_months: 60,
  });
  fs(o, 'rack_units', est(['UNANS_DENSITY'], 'Same chassis class as DGX H100 (8U), shared data (E).'));
  fs(o, 'max_power_kw', cite(['UNANS_DGXPWR', 'MLC41_H200SYS']));
  fs(o, 'typical_power_kw', est(['SUPERCLUSTER_PWR'], 'Same as DGX H100 typical (6.5-8.5 kW, midpoint).'));
  fs(o, 'cooling', cite(['MLC41_H200SYS'], 'MLPerf system description: air-cooled, 700 W TGP.'));
  fs(o, 'price_usd', est([], 'No cited list price; shared data estimate $250k-350k (H100-class server + HBM3e premium); midpoint $300k.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  mlperf(o, 'llama-3.3-70b', {
    offline: { value: 34812.1, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Offline (Nebius 8x H200)' },
    server: { value: 34029.4, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Server (Nebius)' },
    interactive: { value: 23079.9, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Interactive (Nebius)' },
    lowLatency: true,
  });
  mlperf(o, 'llama-3.1-8b', {
    offline: { value: 66036.8, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 8B Offline (HPE Cray XD670)' },
    server: { value: 64914.6, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 8B Server (HPE)' },
    interactive: { value: 53475.2, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 8B Interactive (HPE)', note: 'Unit label ambiguity in summary_results.json noted in the shared data.' },
    lowLatency: true,
  });
  mlperf(o, 'llama-3.1-405b', {
    offline: { value: 552.7, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 405B Offline (Nebius)' },
    server: { value: 295.4, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 405B Server (Nebius)' },
    interactive: { value: 202.8, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 405B Interactive (Nebius)' },
    lowLatency: true,
  });
}
{
  const o = option({
    id: 'nvidia-hgx-b200', name: 'NVIDIA HGX/DGX B200 (8x B200 180GB)', vendor: 'NVIDIA', tier: 'commodity', kind: 'system',
    ids: ['MLC51', 'NV_DGXB200', 'HN_CB'],
    rack_units: 10, max_power_kw: 14.3, typical_power_kw: 10.5, cooling: 'air', price_usd: 500_000,
    support_pct_per_year: 15, lifetime_months: 60,
    notes: 'Blackwell MLPerf results use FP4 (accuracy-qualified at 99 % of reference). Llama 4 Maverick: 1,038 tok/s per user (latency record with EAGLE-3 speculative decoding, AA 2025-05) is NOT modelled as a point: the unit throughput at that speed is not published.',
  });
  fs(o, 'rack_units', cite(['NV_DGXB200']));
  fs(o, 'max_power_kw', cite(['NV_DGXB200'], '~14.3 kW max.'));
  fs(o, 'typical_power_kw', est([], '~73 % of the 14.3 kW max.'));
  fs(o, 'cooling', cite(['NV_DGXB200'], 'DGX B200 is air-cooled.'));
  fs(o, 'price_usd', est(['HN_CB'], 'DGX B200 ~$500k: a Hacker News commenter citing a Wccftech "half a million" report (2024-2025), the only source found; no list price or quote, so an estimate. Replace with a quote.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  mlperf(o, 'llama-3.3-70b', {
    offline: { value: 101527, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Offline (NVIDIA DGX B200, FP4)' },
    server: { value: 99123, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Server' },
    interactive: { value: 59545.4, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Interactive' },
    lowLatency: true,
  });
  mlperf(o, 'llama-3.1-8b', {
    offline: { value: 136752, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 8B Offline' },
    server: { value: 128541, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 8B Server' },
    interactive: { value: 102903, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 8B Interactive' },
    lowLatency: true,
  });
  mlperf(o, 'llama-3.1-405b', {
    offline: { value: 1624.1, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 405B Offline' },
    server: { value: 1240.4, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 405B Server' },
    interactive: { value: 751.4, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 405B Interactive' },
    lowLatency: true,
  });
  mlperf(o, 'deepseek-r1', {
    offline: { value: 33379, ids: MLP, what: 'MLPerf v5.1 DeepSeek-R1 Offline' },
    server: { value: 18592.2, ids: MLP, what: 'MLPerf v5.1 DeepSeek-R1 Server' },
  });
  points(o, 'llama-4-maverick', 'max_throughput', [{ user_tps: 20, unit_tps: 72000, ttft_ms: 2000 }],
    est(['INSIDEHPC_MAV'], 'unit_tps 72,000 = NVIDIA max-throughput configuration per 8-GPU server (vendor claim, not audited); per-user speed and TTFT at that batch not published: 20 tok/s and 2,000 ms assumed.'));
}
{
  const o = option({
    id: 'nvidia-gb200-nvl72', name: 'NVIDIA GB200 NVL72 (rack, 72 GPUs)', vendor: 'NVIDIA', tier: 'commodity', kind: 'system',
    ids: ['MLC51', 'INTROL_GB200', 'STH_NYB', 'AGENTICBREW', 'NV_DGXGB200'],
    rack_units: 48, racks_per_unit: 1, max_power_kw: 120, typical_power_kw: 96, cooling: 'liquid', price_usd: 4_000_000,
    support_pct_per_year: 15, lifetime_months: 60,
    notes: 'Rack-scale: one unit = one 48U OCP/MGX rack with 18 compute trays (72 GPUs) and 9 switch trays. Needs a site with liquid cooling, 48U racks and >= 120 kW per rack: it does not fit a 42U hall.',
  });
  fs(o, 'rack_units', cite(['AGENTICBREW', 'NV_DGXGB200'], 'One full 48U OCP/MGX rack (~1.36 t).'));
  fs(o, 'racks_per_unit', cite(['AGENTICBREW', 'NV_DGXGB200'], 'The NVL72 is one rack: a unit needs a site rack of >= 48U (DESIGN 4: a system taller than the site\'s racks never fits) rated for its 120 kW.'));
  fs(o, 'max_power_kw', cite(['INTROL_GB200', 'STH_NYB', 'KSHIROL'], 'GB200 NVL72 ~120 kW per rack. (The 132 kW power-shelf figure is a GB300 NVL72 figure, INTROL_GB300, and is not used.)'));
  fs(o, 'typical_power_kw', est(['INTROL_GB200'], '80 % of the 120 kW maximum (the ~120 kW figure is a sustained maximum, not an average).'));
  fs(o, 'cooling', cite(['MLC61_CRUSOE', 'NV_DGXGB200'], 'Direct-to-chip liquid for GPU/CPU/NVSwitch, air for the rest; liquid mandatory.'));
  fs(o, 'price_usd', est(['XATAKA', 'KSHIROL', 'AGENTICBREW', 'NEXTFIN'], 'Press estimates only: $2-3M, ~$3M, ~$4M (Huang remark), $5M; $4M used.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  mlperf(o, 'llama-3.3-70b', {
    offline: { value: 51736.9, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Offline per 4-GPU compute tray' },
    server: { value: 49359.6, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Server per tray' },
    interactive: { value: 29745.6, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Interactive per tray' },
    lowLatency: true,
  }, 18, '(18 trays per rack; 70B runs as independent replicas: linear scaling derived, not measured)');
  mlperf(o, 'llama-3.1-405b', {
    offline: { value: 14774.3, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 405B Offline (full rack)' },
    server: { value: 11614.3, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 405B Server (full rack)' },
    interactive: { value: 9921.0, ids: MLP, what: 'MLPerf v5.1 Llama 3.1 405B Interactive (full rack)' },
    lowLatency: true,
  });
  mlperf(o, 'deepseek-r1', {
    offline: { value: 289712, ids: MLP, what: 'MLPerf v5.1 DeepSeek-R1 Offline (full rack)' },
    server: { value: 167578, ids: MLP, what: 'MLPerf v5.1 DeepSeek-R1 Server (full rack)' },
  });
}
{
  const o = option({
    id: 'nvidia-vera-rubin-nvl72', name: 'NVIDIA Vera Rubin NVL72 (rack, 72 Rubin GPUs) — announced', vendor: 'NVIDIA', tier: 'commodity', kind: 'system',
    ids: ['MLC61_VR', 'REGANTIH', 'SILICONTALES', 'GENZTECH', 'VR_PROD', 'VR_5X'],
    available_from: '2026-07',
    rack_units: 48, racks_per_unit: 1, max_power_kw: 230, typical_power_kw: 180, cooling: 'liquid', price_usd: 6_000_000,
    support_pct_per_year: 15, lifetime_months: 60,
    notes: 'MLPerf v6.1 results are in the preview category. Needs 48U racks rated for 190-230 kW with liquid cooling. No Llama results published; 70B points are GB200 x 4 (the lower of the measured DeepSeek-R1 Vera Rubin / GB200 ratios, below the ~5x vendor claim; estimate).',
  });
  fs(o, 'available_from', cite(['SILICONTALES', 'GENZTECH', 'VR_PROD'], 'Production availability in H2 2026 (SILICONTALES), volume ramp from ~Q3 2026 (GENZTECH); NVIDIA announced full-scale mass production on 2026-06-01 with a first cloud deployment the same day (VR_PROD). Orderable from 2026-07, the first month of H2 2026; delivery lead times for enterprise buyers are not modelled.'));
  fs(o, 'rack_units', est(['REGANTIH'], 'One rack; exact U unpublished; MGX/OCP 48U like GB200 assumed.'));
  fs(o, 'racks_per_unit', est(['REGANTIH', 'VR_PROD'], 'The NVL72 is one rack, like GB200 NVL72.'));
  fs(o, 'max_power_kw', cite(['REGANTIH', 'MLC61_VR'], '190-230 kW per rack (Max-Q vs Max-P); GPUs alone 72 x 2.3 kW = 165.6 kW (derived). Upper value used.'));
  fs(o, 'typical_power_kw', est([], '~78 % of 230 kW.'));
  fs(o, 'cooling', cite(['MLC61_VR', 'REGANTIH']));
  fs(o, 'price_usd', est([], 'Very low confidence, no published price: GB200 NVL72 $3-5M press estimates; Rubin ~2.5x FP4 compute and HBM4 → $4-8M range, midpoint $6M.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  points(o, 'deepseek-r1', 'offline', [{ user_tps: 12.5, unit_tps: 1183326.9, ttft_ms: 2000 }],
    est(['MLC61_VR'], 'unit_tps = MLPerf v6.1 (preview) DeepSeek-R1 Offline 1,183,326.85 tok/s per rack (published); per-user speed not reported: 12.5 tok/s (the v5.1 Server bound, about half the measured Server median) and 2,000 ms assumed. The v6.x dataset (~3.8k output tokens) differs from v5.1.'));
  points(o, 'deepseek-r1', 'server', [{ user_tps: 24.33, unit_tps: 1175890.2, ttft_ms: 206 }],
    cite(['MLC61_VR'], 'MLPerf v6.1 (preview) Server 1,175,890.22 tok/s per rack; measured TPOT median 41.1 ms → 24.33 tok/s per user; TTFT median 205.5 ms (p99 303.6 ms).'));
  points(o, 'deepseek-r1', 'interactive', [{ user_tps: 94.97, unit_tps: 652750.1, ttft_ms: 265 }],
    cite(['MLC61_VR'], 'MLPerf v6.1 (preview) Interactive 652,750.14 tok/s per rack; TPOT median 10.53 ms → 94.97 tok/s per user; TTFT median 264.9 ms (p99 475.3 ms).'));
  // Vera Rubin / GB200 per rack on the same benchmark (DeepSeek-R1, MLPerf v6.1 preview vs v5.1): Offline
  // 1,183,326.85 / 289,712 = 4.08, Server 1,175,890.22 / 167,578 = 7.02; NVIDIA claims ~5x Blackwell.
  const K = 4;
  const kNote = `(ESTIMATE: GB200 NVL72 70B rack result x 4: the measured Vera Rubin / GB200 DeepSeek-R1 rack ratios are 4.08 (Offline) and 7.02 (Server), the vendor claims ~5x Blackwell per GPU (NVFP4); the lowest ratio, rounded down to 4, is used because a dense 70B model gains less from the larger NVLink domain than a 671B MoE, and the v6.x DeepSeek-R1 dataset differs from v5.1; no Llama result published)`;
  const ids = ['MLC51', 'MLC61_VR', 'SILICONTALES', 'VR_5X'];
  mlperf(o, 'llama-3.3-70b', {
    offline: { value: r1(51736.9 * 18), ids, what: 'GB200 NVL72 70B Offline per rack (51,736.9 x 18)', estimate: true },
    server: { value: r1(49359.6 * 18), ids, what: 'GB200 NVL72 70B Server per rack (49,359.6 x 18)', estimate: true },
    interactive: { value: r1(29745.6 * 18), ids, what: 'GB200 NVL72 70B Interactive per rack (29,745.6 x 18)', estimate: true },
    lowLatency: true,
  }, K, kNote);
}
{
  const o = option({
    id: 'amd-mi300x-8gpu', name: 'AMD Instinct MI300X platform (8x MI300X 192GB)', vendor: 'AMD', tier: 'commodity', kind: 'system',
    ids: ['MLC51', 'MLC41_AMDSYS', 'VULTR_ROCM'],
    rack_units: 8, max_power_kw: 10.5, typical_power_kw: 7.5, cooling: 'air', price_usd: 190_000,
    support_pct_per_year: 15, lifetime_months: 60,
  });
  fs(o, 'rack_units', est(['MLC51'], 'Supermicro AS-8125GS-TNMR2 (MLPerf system) is 8U; inferred from the model name.'));
  fs(o, 'max_power_kw', est(['MLC41_AMDSYS'], '8 x 750 W GPUs = 6 kW + 2 EPYC, NICs, fans → 9-10.5 kW; upper value.'));
  fs(o, 'typical_power_kw', est([], '~71 % of max.'));
  fs(o, 'cooling', cite(['MLC41_AMDSYS']));
  fs(o, 'price_usd', est(['HF_MI300'], '~$15k/GPU (weak secondary MSRP) x 8 + $40-80k host → $160-220k; midpoint $190k.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  mlperf(o, 'llama-3.3-70b', {
    offline: { value: 27803.9, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Offline (AMD, vLLM)' },
    server: { value: 24593.8, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Server' },
    interactive: { value: 8840.4, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Interactive' },
    lowLatency: true,
  });
}
{
  const o = option({
    id: 'amd-mi325x-8gpu', name: 'AMD Instinct MI325X platform (8x MI325X 256GB)', vendor: 'AMD', tier: 'commodity', kind: 'system',
    ids: ['MLC51', 'SVET', 'VULTR_ROCM'],
    rack_units: 7, max_power_kw: 13, typical_power_kw: 9.5, cooling: 'air', price_usd: 230_000,
    support_pct_per_year: 15, lifetime_months: 60,
  });
  fs(o, 'rack_units', est(['MLC51'], 'QuantaGrid D74A-7U (MLPerf submission) is 7U per its model name; other OEM chassis 8U.'));
  fs(o, 'max_power_kw', est(['SVET'], '8 x 1,000 W TBP = 8 kW + host → 11-13 kW; upper value.'));
  fs(o, 'typical_power_kw', est([], '~73 % of max.'));
  fs(o, 'cooling', est([], 'Air (typical OEM); liquid-cooled variants exist.'));
  fs(o, 'price_usd', est([], 'No published price: MI300X estimate plus HBM3e premium → $180-280k; $230k used.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  mlperf(o, 'llama-3.3-70b', {
    offline: { value: 34520.4, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Offline (QuantaGrid D74A-7U)' },
    server: { value: 32027.6, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Server' },
    interactive: { value: 18407.2, ids: MLP, what: 'MLPerf v5.1 Llama 2 70B Interactive' },
    lowLatency: true,
  });
}
{
  const o = option({
    id: 'intel-gaudi3-8acc', name: 'Intel Gaudi 3 server (8x HL-325L OAM)', vendor: 'Intel', tier: 'commodity', kind: 'system',
    ids: ['INTEL_PERF', 'NEXTPLAT_GAUDI', 'PCGUIA'],
    rack_units: 8, max_power_kw: 11, typical_power_kw: 8, cooling: 'air', price_usd: 165_000,
    support_pct_per_year: 15, lifetime_months: 60,
    notes: 'Throughput is Intel\'s own (not MLPerf) Llama 3.1 70B FP8 figure without a latency constraint; Server/Interactive-equivalent points are estimates. 8B vendor figures (128-token prompts, per HPU) are not comparable with MLPerf and are not modelled.',
  });
  fs(o, 'rack_units', est([], 'Typical 8-OAM air-cooled chassis (not sourced).'));
  fs(o, 'max_power_kw', est(['PCGUIA'], '8 x 900 W OAM = 7.2 kW + host → 9.5-11 kW; upper value.'));
  fs(o, 'typical_power_kw', est([], '~73 % of max.'));
  fs(o, 'cooling', cite(['PCGUIA'], 'Air at 900 W per OAM; a liquid-cooled variant exists.'));
  fs(o, 'price_usd', est(['NEXTPLAT_GAUDI'], '$125,000 is the 8-accelerator baseboard kit (secondary), not a full server; + ~$40k host/CPUs/NICs → $165k.'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  mlperf(o, 'llama-3.3-70b', {
    offline: { value: 15008, ids: ['INTEL_PERF'], what: 'Intel Llama 3.1 70B FP8 128/128 on 8 HPU (vendor, no latency bound) used as the Offline-equivalent' },
    server: { value: r1(15008 * 0.9), ids: ['INTEL_PERF', 'MLC51'], what: 'estimated Server = vendor figure x 0.9 (MLPerf v5.1 Server/Offline ratios 0.88-0.98 for H100/H200/MI300X)', estimate: true },
    interactive: { value: r1(15008 * 0.5), ids: ['INTEL_PERF', 'MLC51'], what: 'estimated Interactive = vendor figure x 0.5 (MLPerf v5.1 Interactive/Offline ratios 0.32 (MI300X) to 0.66 (H200))', estimate: true },
    lowLatency: true,
  });
}
{
  const o = option({
    id: 'positron-atlas-fpga', name: 'Positron Atlas FPGA inference server (8x Archer FPGA cards)', vendor: 'Positron', tier: 'commodity', kind: 'system',
    ids: ['POSITRON_AA', 'POSITRON_AIC', 'POSITRON_AIM'],
    rack_units: 4, max_power_kw: 2, typical_power_kw: 1.5, cooling: 'air', price_usd: 150_000,
    support_pct_per_year: 15, lifetime_months: 60,
    notes: 'FPGA-based transformer inference appliance: 8 Archer FPGA accelerators with 32 GB HBM each (256 GB), shipping since 2025-08; figures are vendor-supplied. (The AMD Alveo V80 FPGA card, 32 GB HBM, PCIe Gen5, was also considered: no LLM throughput figures found, not listed.)',
  });
  fs(o, 'rack_units', est(['POSITRON_AA'], 'One source calls it a 1U chassis; with 8 full-size accelerator cards a 4U server is assumed (planning value).'));
  fs(o, 'max_power_kw', cite(['POSITRON_AA', 'POSITRON_AIC'], '2,000 W per Atlas (vs 5,900 W quoted for DGX H200).'));
  fs(o, 'typical_power_kw', est([], '75 % of 2 kW.'));
  fs(o, 'cooling', cite(['POSITRON_AIM'], 'Air-cooled.'));
  fs(o, 'price_usd', est(['POSITRON_AIM'], 'No price published; vendor claims 2-5x better performance per dollar than NVIDIA. $150k assumed (half an 8-GPU H200 server).'));
  fs(o, 'support_pct_per_year', SUPPORT_EST);
  fs(o, 'lifetime_months', LIFE);
  points(o, 'llama-3.1-8b', 'vendor', [{ user_tps: 280, unit_tps: 2240, ttft_ms: 200 }],
    est(['POSITRON_AA', 'POSITRON_AIC'], 'user_tps 280 (Llama 3.1 8B BF16, vendor; DGX H200 180 on the same test). unit_tps assumes one stream per card x 8 (estimate); ttft estimated.'));
  points(o, 'llama-3.1-8b', 'batched', [
    { user_tps: 100, unit_tps: 5000, ttft_ms: 300 },
    { user_tps: 33.33, unit_tps: 10485, ttft_ms: 500 },
  ], est(['POSITRON_AIC', 'MLC51'], 'No batched throughput published. At the MLPerf 8B Interactive speed (33.3 tok/s) assumed equal performance per watt to the H200 Interactive result: 53,475 x 2.0 / 10.2 kW = 10,485; 5,000 at 100 tok/s interpolated (estimates).'));
}

// =============================================================================================
// COMMODITY tier: cloud instances
// =============================================================================================
/**
 * Points of a cloud instance copied from the system with the same accelerators. A one-GPU instance
 * (div 8) serving a model that needs g GPUs per copy gets units_per_replica g and, per replica, the
 * server's throughput x g / 8 (the server's aggregate is what its 8 GPUs deliver, whatever the split).
 */
function copyPoints(o: Opt, fromId: string, label: string, div: number, note: string, skip: string[] = [], gpusPerCopy: Record<string, number> = {}): void {
  const from = options.find((x) => x.id === fromId);
  if (!from) throw new Error(`no option ${fromId}`);
  for (const p of from.performance) {
    if (skip.includes(p.model)) continue;
    const g = gpusPerCopy[p.model] ?? 1;
    const why = g > 1 ? ` One copy of ${p.model} needs ${g} GPUs: units_per_replica ${g}, unit_tps per replica = server figure x ${g} / ${div}.` : '';
    points(o, p.model, label, p.points.map((q) => ({ ...q, unit_tps: q.unit_tps === null ? null : r1((q.unit_tps * g) / div) })), est(['MLC51', 'MLRULES'], note + why));
    replica(o, p.model, g);
  }
}
{
  const o = option({
    id: 'cloud-h100-1gpu-lambda', name: 'Cloud H100 SXM 80GB, 1 GPU on-demand (Lambda)', vendor: 'Lambda', tier: 'commodity', kind: 'cloud_instance',
    ids: ['CLIFF', 'MLC51'], usd_per_hour: 2.99,
    notes: 'Unit = one GPU-hour; performance = the 8-GPU HGX H100 points / 8 per GPU. A 70B copy (70 GB of FP8 weights plus KV cache) needs 2 x 80 GB GPUs, so it is rented in pairs. RunPod $2.69-3.99, GMI $4.98 on-demand for comparison.',
  });
  fs(o, 'usd_per_hour', cite(['CLIFF'], 'Lambda H100 SXM on-demand $2.99/GPU-hr (2026-05, secondary).'));
  copyPoints(o, 'nvidia-hgx-h100', 'per_gpu', 8, 'nvidia-hgx-h100 points (same derivations and estimates) divided by 8 GPUs.', [], { 'llama-3.3-70b': 2 });
}
{
  const o = option({
    id: 'cloud-aws-p5-48xlarge', name: 'AWS p5.48xlarge (8x H100) on-demand', vendor: 'AWS', tier: 'commodity', kind: 'cloud_instance',
    ids: ['AWSNEG', 'USAGEAI', 'MLC51'], usd_per_hour: 57.2,
    notes: 'Performance = HGX H100 points (one 8-GPU instance = one 8-GPU server).',
  });
  fs(o, 'usd_per_hour', est(['AWSNEG', 'USAGEAI'], 'On-demand list ~$98.30/hr before the June 2025 cut of up to 45 % → $6.8-7.5/GPU-hr (shared data (E)); midpoint $7.15 x 8 = $57.20/hr. Capacity Blocks were $39.33/hr (AWS_CB, 2024).'));
  copyPoints(o, 'nvidia-hgx-h100', 'instance', 1, 'Same points as nvidia-hgx-h100 (same derivations and estimates).');
}
{
  const o = option({
    id: 'cloud-b200-8gpu-packet', name: 'Cloud 8x B200 on-demand (packet.ai)', vendor: 'packet.ai', tier: 'commodity', kind: 'cloud_instance',
    ids: ['PACKET', 'MLC51'], usd_per_hour: 30,
    notes: 'Performance = HGX B200 points (one 8-GPU instance).',
  });
  fs(o, 'usd_per_hour', cite(['PACKET'], 'B200 $3.75/GPU-hr on-demand (2026-06, secondary) x 8.'));
  copyPoints(o, 'nvidia-hgx-b200', 'instance', 1, 'Same points as nvidia-hgx-b200 (same derivations and estimates).', ['llama-4-maverick']);
}
{
  const o = option({
    id: 'cloud-mi300x-1gpu-vultr', name: 'Cloud MI300X 192GB, 1 GPU on-demand (Vultr)', vendor: 'Vultr', tier: 'commodity', kind: 'cloud_instance',
    ids: ['CLIFF', 'MLC51'], usd_per_hour: 1.85,
    notes: 'Unit = one GPU-hour; performance = the 8-GPU MI300X platform points / 8. (TensorWave on-demand $1.50, Crusoe spot $1.71, Azure/Oracle ~$6.)',
  });
  fs(o, 'usd_per_hour', cite(['CLIFF'], 'Vultr MI300X on-demand $1.85/GPU-hr (2026-05, secondary).'));
  copyPoints(o, 'amd-mi300x-8gpu', 'per_gpu', 8, 'amd-mi300x-8gpu points (same derivations and estimates) divided by 8 GPUs; a 70B copy fits one 192 GB GPU.');
}
{
  const o = option({
    id: 'cloud-h200-1gpu-gmi', name: 'Cloud H200 141GB, 1 GPU on-demand (GMI Cloud)', vendor: 'GMI Cloud', tier: 'commodity', kind: 'cloud_instance',
    ids: ['GMI', 'MLC51'], usd_per_hour: 5.98,
    notes: 'Unit = one GPU-hour; performance = the 8-GPU HGX H200 points / 8 per GPU (a 70B FP8 copy fits one 141 GB GPU; 405B copies take all 8). Spheron lists H200 at $4.54/hr (2026-03), packet.ai $2.25, AWS Capacity Blocks $5.41 (2024).',
  });
  fs(o, 'usd_per_hour', cite(['GMI'], 'GMI Cloud billing page: H200 $5.98 per GPU-hour on demand (published).'));
  copyPoints(o, 'nvidia-hgx-h200', 'per_gpu', 8, 'nvidia-hgx-h200 points (same derivations and estimates) divided by 8 GPUs.', [], { 'llama-3.1-405b': 8 });
}
{
  const o = option({
    id: 'cloud-b200-1gpu-runpod', name: 'Cloud B200 180GB, 1 GPU on-demand (RunPod)', vendor: 'RunPod', tier: 'commodity', kind: 'cloud_instance',
    ids: ['RUNPOD_B200', 'MLC51'], usd_per_hour: 4.99,
    notes: 'Unit = one GPU-hour; performance = the 8-GPU HGX B200 points / 8 per GPU (70B and 8B copies fit one GPU; 405B and DeepSeek-R1 copies take all 8, as measured). Spheron lists B200 at $6.03/hr (2026-03).',
  });
  fs(o, 'usd_per_hour', cite(['RUNPOD_B200', 'SPHERON_H200'], 'RunPod B200 on-demand $4.99 per GPU-hour (provider page).'));
  copyPoints(o, 'nvidia-hgx-b200', 'per_gpu', 8, 'nvidia-hgx-b200 points (same derivations and estimates) divided by 8 GPUs.', ['llama-4-maverick'], { 'llama-3.1-405b': 8, 'deepseek-r1': 8 });
}
{
  const o = option({
    id: 'gcp-tpu-v5e-8', name: 'Google Cloud TPU v5e-8 slice (8 chips)', vendor: 'Google Cloud', tier: 'commodity', kind: 'cloud_instance',
    ids: ['SCALING_BOOK', 'VENGINEER', 'JETSTREAM'], usd_per_hour: 9.6,
  });
  fs(o, 'usd_per_hour', cite(['SCALING_BOOK', 'VENGINEER'], '$1.20 per chip-hour on-demand list x 8 chips.'));
  points(o, 'llama-3.1-8b', 'jetstream', [
    { user_tps: 42.47, unit_tps: 10873, ttft_ms: 1000 },
    { user_tps: 64.45, unit_tps: 8249, ttft_ms: 800 },
  ], est(['JETSTREAM'], 'unit_tps = JetStream-PyTorch Llama 3 8B (proxy for 3.1 8B), 1024 in / 1024 out: 10,873 tok/s int8 at batch 256 and 8,249 bf16 at batch 128 (published); user_tps = aggregate / batch (derived); ttft not reported: 800-1,000 ms assumed.'));
}
{
  const o = option({
    id: 'gcp-tpu-v6e-8', name: 'Google Cloud TPU v6e-8 Trillium slice (8 chips)', vendor: 'Google Cloud', tier: 'commodity', kind: 'cloud_instance',
    ids: ['VENGINEER', 'TPU_V6E', 'COSMO'], usd_per_hour: 21.6,
  });
  fs(o, 'usd_per_hour', cite(['VENGINEER'], '$2.70 per chip-hour on-demand list (at preview, 2024-11) x 8 chips.'));
  points(o, 'llama-3.1-8b', 'scaled_v5e', [
    { user_tps: 42.47, unit_tps: 30000, ttft_ms: 800 },
    { user_tps: 64.45, unit_tps: 23000, ttft_ms: 600 },
  ], est(['JETSTREAM', 'VENGINEER', 'COSMO'], 'No measured v6e tokens/s: v5e-8 JetStream results x ~2.8-3x vendor-claimed inference uplift → 23,000-30,000 tok/s (shared data (E)); same per-user speeds as v5e assumed.'));
}

// =============================================================================================
// COMMODITY tier: token APIs (per-user speeds not in the shared data: estimates, DESIGN 1 range)
// =============================================================================================
{
  const prov: Record<string, string> = { together: 'Together AI', fireworks: 'Fireworks AI', deepinfra: 'DeepInfra' };
  const LABEL: Record<string, string> = {
    'llama-3.1-8b': 'Llama 3.1 8B', 'llama-3.3-70b': 'Llama 3.3 70B', 'llama-4-maverick': 'Llama 4 Maverick', 'gpt-oss-120b': 'gpt-oss-120b',
  };
  const rows: [string, string, number, number, number, number][] = [
    // provider, model, $/M in, $/M out (TOKENCOST), user_tps (E), ttft_ms (E)
    ['together', 'llama-3.1-8b', 0.18, 0.18, 150, 400],
    ['together', 'llama-3.3-70b', 0.88, 0.88, 100, 500],
    ['together', 'llama-4-maverick', 0.27, 0.85, 110, 500],
    ['together', 'gpt-oss-120b', 0.15, 0.6, 130, 500],
    ['fireworks', 'llama-4-maverick', 0.22, 0.88, 130, 450],
    ['fireworks', 'gpt-oss-120b', 0.15, 0.6, 150, 450],
    ['deepinfra', 'llama-3.1-8b', 0.03, 0.05, 120, 450],
    ['deepinfra', 'llama-3.3-70b', 0.23, 0.4, 60, 600],
    ['deepinfra', 'llama-4-maverick', 0.15, 0.6, 70, 600],
    ['deepinfra', 'gpt-oss-120b', 0.09, 0.45, 90, 600],
  ];
  for (const [p, model, inp, out, tps, ttft] of rows) {
    const pv = prov[p]!;
    const o = option({
      id: `api-${p}-${model}`, name: `${pv} API — ${LABEL[model]}`, vendor: pv, tier: 'commodity', kind: 'cloud_api',
      ids: ['TOKENCOST'], usd_per_m_input: inp, usd_per_m_output: out,
    });
    fs(o, 'usd_per_m_input', cite(['TOKENCOST'], 'LiteLLM-derived tokencost price snapshot 2025-09-01 (secondary aggregator); verify on the provider pricing page.'));
    fs(o, 'usd_per_m_output', cite(['TOKENCOST']));
    points(o, model, 'api', [{ user_tps: tps, unit_tps: null, ttft_ms: ttft }],
      est([], `Per-user speed not in the shared data: ${tps} tok/s and TTFT ${ttft} ms assumed for a GPU-backed commodity API (DESIGN 1: 20-150 tok/s per user, answers in ~1-3 s; budget endpoints at the lower end).`));
  }
}

// =============================================================================================
// EDGE tier
// =============================================================================================
/** The pruned + INT4 Llama 3.3 70B variant (its own model, SPARSE70) on one consumer GPU. */
const SPARSE70 = 'llama-3.3-70b-sparse70-int4';
function sparse70(o: Opt, gbPerS: number, tps: number, ttft: number): void {
  points(o, SPARSE70, 'bs1', [{ user_tps: tps, unit_tps: tps, ttft_ms: ttft }],
    est(['XIONG', 'KAITCHUP_70B', 'RTXSPECS'],
      `No published benchmark of a 70 %-sparse INT4 70B. Weights: 70B x 30 % kept x 0.5 byte = 10.5 GB + sparsity indices ≈ 14 GB (about a tenth of the 140 GB 16-bit model). ` +
      `Decode reads the weights once per token: ${gbPerS} GB/s / 14 GB = ${Math.round(gbPerS / 14)} tok/s ideal; llama.cpp reaches ~75 % of that on dense Q4 70B (19.1 tok/s on 2x RTX 4090, XIONG), ` +
      `sparse kernels are assumed to reach ~50 %: ${tps} tok/s (estimate). One stream per device: unit_tps = user_tps. ttft ${ttft} ms estimated (prefill of ~1k tokens at 21B effective parameters).`));
}
{
  // The agent board: the ESP32-S3 module is the part that sets the price (source material: ~$5); a
  // deployable unit adds a carrier board, power, microphone/speaker and an enclosure.
  const MODULE = 5.58;
  const ENCLOSED = 18;
  const esp = (id: string, name: string, price: number, via: string, viaNote: string, priceNote: FieldSource, extra = '') => {
    const o = option({
      id, name, vendor: 'Espressif', tier: 'edge', kind: 'edge_device',
      ids: ['GROKIPEDIA_ESP', 'ESP32_XZ', 'ESP32_MOD_A', 'ESP32_MOD_B'], price_usd: price, typical_power_kw: 0.0005, lifetime_months: 60,
      inference_via: via,
      notes: 'Dual LX7 240 MHz, 512 KB SRAM, PSRAM up to 32 MB, Wi-Fi 4 / BLE 5. Runs the agent loop, sensors and voice I/O; the model runs in the cloud API named by inference_via, ' +
        `so latency is the API's and inference leaves the premises. ${extra}`.trimEnd(),
    });
    fs(o, 'price_usd', priceNote);
    fs(o, 'typical_power_kw', est([], '~0.5 W average (0.5-1 W peak during Wi-Fi TX; far lower asleep); shared data (E).'));
    fs(o, 'lifetime_months', est([], 'Embedded MCU deployments 5-10 years (shared data (E)); 60 months used.'));
    fs(o, 'inference_via', est([], viaNote));
  };
  const modulePrice = cite(['ESP32_MOD_A', 'ESP32_MOD_B'], `ESP32-S3 module price: ESP32-S3-N16R8 (16 MB flash, 8 MB PSRAM) ~$5.58, ESP32-S3-WROOM-1-N8R8 ~$6.13, bare ESP32-S3 chip ~$2.13 (component listings, secondary). $${MODULE} used. A deployable unit costs more: see esp32-s3-agent-enclosed ($${ENCLOSED}).`);
  esp('esp32-s3-agent', 'ESP32-S3 agent module (agent logic on device, Llama 3.1 8B via cloud API)', MODULE, 'api-deepinfra-llama-3.1-8b',
    'Cheapest listed Llama 3.1 8B API chosen as the back end; change to any cloud_api serving the workload model.', modulePrice,
    `Priced at module level ($${MODULE}); carrier board, power and enclosure add ~$12 (esp32-s3-agent-enclosed).`);
  esp('esp32-s3-agent-70b', 'ESP32-S3 agent module (agent logic on device, Llama 3.3 70B via cloud API)', MODULE, 'api-deepinfra-llama-3.3-70b',
    'Cheapest listed Llama 3.3 70B API chosen as the back end (for agents that need a 70B model); change to any cloud_api serving the workload model.', modulePrice,
    `Priced at module level ($${MODULE}); carrier board, power and enclosure add ~$12 (esp32-s3-agent-enclosed).`);
  esp('esp32-s3-agent-enclosed', 'ESP32-S3 agent unit in an enclosure (board, power, mic/speaker; Llama 3.1 8B via cloud API)', ENCLOSED, 'api-deepinfra-llama-3.1-8b',
    'Cheapest listed Llama 3.1 8B API chosen as the back end; change to any cloud_api serving the workload model.',
    est(['ESP32_MOD_A', 'ESP32_MOD_B'], `Module ~$${MODULE} (cited) + carrier PCB, regulator and USB ~$5 + I2S microphone and speaker amplifier ~$3 + plastic enclosure ~$3 + assembly ~$1.5 ≈ $${ENCLOSED} at volume (estimate); the shared data gives $5-20 retail for ESP32-S3 dev boards.`));
}
{
  const o = option({
    id: 'jetson-orin-nano-super', name: 'NVIDIA Jetson Orin Nano Super Developer Kit (8GB)', vendor: 'NVIDIA', tier: 'edge', kind: 'edge_device',
    ids: ['BROJO', 'JETSON_BENCH'], price_usd: 249, typical_power_kw: 0.015, lifetime_months: 48,
  });
  fs(o, 'price_usd', cite(['BROJO'], 'Dev kit list price.'));
  fs(o, 'typical_power_kw', est(['BROJO'], '7-25 W power modes; 15 W typical under LLM load assumed.'));
  fs(o, 'lifetime_months', EDGE_LIFE);
  points(o, 'llama-3.1-8b', 'bs1', [{ user_tps: 19.14, unit_tps: 19.14, ttft_ms: 800 }],
    est(['JETSON_BENCH'], 'user_tps 19.14 (MLC INT4, single stream, published); unit_tps = user_tps (one stream per device); ttft 800 ms assumed (prefill of a few hundred tokens).'));
}
{
  const o = option({
    id: 'jetson-agx-orin-64gb', name: 'NVIDIA Jetson AGX Orin 64GB Developer Kit', vendor: 'NVIDIA', tier: 'edge', kind: 'edge_device',
    ids: ['FIXSTARS', 'NVFORUM', 'JETSON_MLC', 'JETSON_AGX_SVG'], price_usd: 1999, typical_power_kw: 0.04, lifetime_months: 48,
  });
  fs(o, 'price_usd', est([], 'Commonly cited dev-kit price, not re-verified (shared data (E)).'));
  fs(o, 'typical_power_kw', est(['FIXSTARS', 'NVFORUM'], 'Module 15-60 W; 40 W typical under LLM load assumed.'));
  fs(o, 'lifetime_months', EDGE_LIFE);
  points(o, 'llama-3.1-8b', 'bs1', [{ user_tps: 37.5, unit_tps: 37.5, ttft_ms: 500 }],
    est(['JETSON_BENCH', 'JETSON_MLC'], 'Shared data (E) 35-40 tok/s INT4: decode is bandwidth-bound, AGX Orin 204.8 GB/s ~2x Orin Nano Super (19.14 tok/s); Llama-2-7B 46.9 tok/s scaled by 6.7/8 B params. unit_tps = user_tps; ttft assumed.'));
}
{
  const o = option({
    id: 'rtx-4090-workstation', name: 'Workstation with NVIDIA GeForce RTX 4090 (24GB), local INT4 models', vendor: 'NVIDIA', tier: 'edge', kind: 'edge_device',
    ids: ['RTXSPECS', 'XIONG'], price_usd: 3000, typical_power_kw: 0.4, lifetime_months: 48,
    notes: 'Consumer GPU running pruned/INT4 models locally: Llama 3.1 8B Q4, and the 70 %-sparse INT4 Llama 3.3 70B variant (~14 GB) on the one card. A dense 70B Q4 (~40 GB) needs two cards (19.1 tok/s, not modelled).',
  });
  fs(o, 'price_usd', est(['RTXSPECS'], '$1,600 card launch MSRP (secondary) + ~$1,400 host PC.'));
  fs(o, 'typical_power_kw', est(['RTXSPECS'], '450 W card TGP; ~400 W system average during generation assumed.'));
  fs(o, 'lifetime_months', EDGE_LIFE);
  points(o, 'llama-3.1-8b', 'bs1', [{ user_tps: 127.74, unit_tps: 127.74, ttft_ms: 150 }],
    est(['XIONG'], 'user_tps 127.74 = llama.cpp Llama 3 8B Q4_K_M text generation (secondary; proxy for 3.1 8B); unit_tps = user_tps; ttft assumed.'));
  sparse70(o, 1008, 36, 500);
}
{
  const o = option({
    id: 'rtx-5090-workstation', name: 'Workstation with NVIDIA GeForce RTX 5090 (32GB), local INT4 models', vendor: 'NVIDIA', tier: 'edge', kind: 'edge_device',
    ids: ['RTXSPECS', 'CAMBRIAN'], price_usd: 3500, typical_power_kw: 0.5, lifetime_months: 48,
  });
  fs(o, 'price_usd', est(['RTXSPECS'], '$2,000 card launch MSRP (secondary) + ~$1,500 host PC.'));
  fs(o, 'typical_power_kw', est(['RTXSPECS'], '575 W card TGP; ~500 W system average during generation assumed.'));
  fs(o, 'lifetime_months', EDGE_LIFE);
  points(o, 'llama-3.1-8b', 'bs1', [{ user_tps: 221.7, unit_tps: 221.7, ttft_ms: 120 }],
    est(['CAMBRIAN'], 'user_tps 221.7 = Qwen3-8B Q4_K_M (8B dense proxy, secondary); unit_tps = user_tps; ttft assumed.'));
  sparse70(o, 1792, 64, 350);
}
{
  const o = option({
    id: 'raspberry-pi-5', name: 'Raspberry Pi 5 (8GB), CPU inference', vendor: 'Raspberry Pi', tier: 'edge', kind: 'edge_device',
    ids: ['LILIPUTING', 'GEERLING', 'XCEL'], price_usd: 80, typical_power_kw: 0.008, lifetime_months: 48,
  });
  fs(o, 'price_usd', cite(['LILIPUTING', 'TEKKIX'], '8 GB launch price $80; a RAM shortage raised prices in 2026.'));
  fs(o, 'typical_power_kw', est(['XCEL', 'GEERLING'], 'Up to ~12 W (11.6 W measured under LLM load); 8 W average assumed.'));
  fs(o, 'lifetime_months', EDGE_LIFE);
  points(o, 'llama-3.1-8b', 'bs1', [{ user_tps: 2.17, unit_tps: 2.17, ttft_ms: 5000 }],
    est(['GEERLING'], 'user_tps 2.17 (Ollama CPU, default Q4, 16 GB board; secondary); unit_tps = user_tps; ttft 5 s assumed (CPU prefill).'));
}

// =============================================================================================
const models = [
  { id: 'llama-3.1-8b', params_b: 8, active_params_b: 8 },
  { id: 'llama-3.3-70b', params_b: 70, active_params_b: 70 },
  // 70 % of the weights pruned and the rest quantised to INT4: 21B non-zero weights take part in each token.
  { id: SPARSE70, params_b: 70, active_params_b: 21 },
  { id: 'llama-3.1-405b', params_b: 405, active_params_b: 405 },
  { id: 'llama-4-maverick', params_b: 400, active_params_b: 17 },
  { id: 'gpt-oss-120b', params_b: 117, active_params_b: 5.1 },
  { id: 'deepseek-r1', params_b: 671, active_params_b: 37 },
];

// Points sorted by per-user speed; the Pareto property is checked here and in catalog.test.ts.
for (const o of options) {
  for (const p of o.performance) {
    p.points.sort((a, b) => a.user_tps - b.user_tps);
    for (let i = 1; i < p.points.length; i++) {
      const prev = p.points[i - 1]!.unit_tps;
      const cur = p.points[i]!.unit_tps;
      if (prev !== null && cur !== null && cur > prev) throw new Error(`${o.id}/${p.model}: points are not a Pareto front`);
    }
  }
}
// Key order: identity, kind fields, provenance, performance (readable diffs).
const ORDER = ['id', 'name', 'vendor', 'tier', 'kind', 'available_from', 'rack_units', 'racks_per_unit', 'max_power_kw', 'typical_power_kw', 'cooling',
  'price_usd', 'support_pct_per_year', 'lifetime_months', 'usd_per_hour', 'usd_per_m_input', 'usd_per_m_output', 'inference_via',
  'source', 'as_of', 'notes', 'field_sources', 'performance'];
const ordered = options.map((o) => {
  const out: Record<string, unknown> = {};
  for (const k of ORDER) if (o[k] !== undefined) out[k] = o[k];
  out.performance = o.performance.map((p) => (p.units_per_replica ? { model: p.model, units_per_replica: p.units_per_replica, points: p.points } : p));
  for (const k of Object.keys(o)) if (!(k in out)) throw new Error(`${o.id}: unexpected key ${k}`);
  return out;
});
const catalog = { models, options: ordered };
CatalogSchema.parse(catalog); // fail the build, not the app, on a schema error
const text = JSON.stringify(catalog, null, 2) + '\n';

if (process.argv.includes('--check')) {
  const cur = readFileSync(OUT, 'utf8');
  if (cur !== text) {
    console.error(`${OUT} is out of date: run node scripts/build-catalog.ts`);
    process.exit(1);
  }
  console.log(`${OUT} is up to date (${options.length} options, ${models.length} models)`);
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}: ${options.length} options, ${models.length} models`);
}
