// Font warm-up: the first text laid out at a font size and weight makes Chromium fetch that font's
// render settings from the browser process (on Linux a synchronous fontconfig query through the
// sandbox, 5–30 ms each), inside whichever layout first needs it. Opening TCO or Results spent
// 40–90 ms of one layout of a few hundred objects on such lookups. Laying out one hidden sample per
// size, weight and family that the app's style sheets name, in idle time after start-up, pays them
// where no one waits; a view opened later finds them cached (and likewise the icon font of a number
// field's spin buttons, looked up at its first paint). Nothing here changes what is shown.

/** The font properties of one style rule, as CSSOM gives them ('' when the rule does not set one). */
export type FontDecl = { fontSize: string; fontWeight: string; fontStyle: string; fontFamily: string };
/** One text sample to lay out: CSS values for font-size, font-weight, font-style and font-family. */
export type FontSample = { size: string; weight: string; style: string; family: string };

/** The root font size (rem) and the body text size (em and % of most text), in px. */
export type FontBase = { rootPx: number; bodyPx: number; family: string };

const ABSOLUTE: Record<string, number> = { px: 1, pt: 4 / 3, pc: 16, in: 96, cm: 96 / 2.54, mm: 96 / 25.4 };

/** A font-size value in px, or null for what depends on where it is used (keywords, calc, var). */
export function sizePx(value: string, base: FontBase): number | null {
  const m = /^(\d*\.?\d+)(px|pt|pc|in|cm|mm|rem|em|%)$/.exec(value.trim());
  if (!m) return null;
  const x = Number(m[1]);
  const unit = m[2]!;
  if (unit === 'rem') return x * base.rootPx;
  if (unit === 'em') return x * base.bodyPx;
  if (unit === '%') return (x / 100) * base.bodyPx;
  return x * ABSOLUTE[unit]!;
}

/** A numeric font weight, or null for relative ones (bolder, lighter) and unknown values. */
function weightOf(value: string): number | null {
  const v = value.trim();
  if (v === 'normal') return 400;
  if (v === 'bold') return 700;
  const n = Number(v);
  return v !== '' && Number.isFinite(n) && n >= 1 && n <= 1000 ? n : null;
}

/**
 * The samples that cover the declarations: every size (in px, rounded to 1/100 px as Chromium's
 * font cache keys them) in every weight in the body family, with bold (what <strong> and <b> ask
 * for) and italic at the body size; every other family at the body size. Sorted, without duplicates.
 */
export function fontSamples(decls: Iterable<FontDecl>, base: FontBase): FontSample[] {
  const sizes = new Set<number>([base.bodyPx]);
  const weights = new Set<number>([400, 700]);
  const families = new Set<string>();
  let italic = false;
  for (const d of decls) {
    const px = d.fontSize ? sizePx(d.fontSize, base) : null;
    if (px != null && px > 0 && px < 200) sizes.add(Math.round(px * 100) / 100);
    const w = d.fontWeight ? weightOf(d.fontWeight) : null;
    if (w != null) weights.add(w);
    if (d.fontStyle === 'italic' || d.fontStyle === 'oblique') italic = true;
    const f = d.fontFamily.trim();
    if (f && f !== base.family && !['inherit', 'initial', 'unset', 'revert'].includes(f)) families.add(f);
  }
  const out: FontSample[] = [];
  for (const px of [...sizes].sort((a, b) => a - b)) {
    for (const w of [...weights].sort((a, b) => a - b)) out.push({ size: `${px}px`, weight: String(w), style: 'normal', family: base.family });
  }
  if (italic) out.push({ size: `${base.bodyPx}px`, weight: '400', style: 'italic', family: base.family });
  for (const f of [...families].sort()) out.push({ size: `${base.bodyPx}px`, weight: '400', style: 'normal', family: f });
  return out;
}

type RuleList = { length: number; [i: number]: CSSRule };

/** Every style rule's font declarations in the document's style sheets (nested rules included). */
function declarations(doc: Document): FontDecl[] {
  const out: FontDecl[] = [];
  const walk = (rules: RuleList) => {
    for (let i = 0; i < rules.length; i++) {
      const r = rules[i] as CSSRule & { style?: CSSStyleDeclaration; cssRules?: RuleList };
      if (r.style) out.push({ fontSize: r.style.fontSize, fontWeight: r.style.fontWeight, fontStyle: r.style.fontStyle, fontFamily: r.style.fontFamily });
      if (r.cssRules) walk(r.cssRules);
    }
  };
  for (const sheet of Array.from(doc.styleSheets)) {
    try {
      walk(sheet.cssRules);
    } catch {
      /* a cross-origin sheet cannot be read: the app has none */
    }
  }
  return out;
}

/**
 * Paints a number field once, unseen: its spin buttons' first paint asks the browser for an icon
 * font by name (a fontconfig query on Linux), which otherwise lands in the paint of the first
 * view with one (the TCO assumptions). Fully transparent, inert and hidden from assistive
 * technology; removed after two frames (or a second, when no frames come).
 */
function paintControls(doc: Document): void {
  const el = doc.createElement('div');
  el.setAttribute('aria-hidden', 'true');
  el.inert = true;
  el.dataset.fontWarmup = '';
  el.style.cssText = 'position:fixed;left:0;top:0;opacity:0;pointer-events:none;z-index:-1';
  const input = doc.createElement('input');
  input.type = 'number';
  input.tabIndex = -1;
  el.append(input);
  doc.body.append(el);
  const remove = () => el.remove();
  requestAnimationFrame(() => requestAnimationFrame(remove));
  setTimeout(remove, 1_000);
}

/** ms of main-thread time per idle slice: well under a frame */
const SLICE_MS = 6;

/**
 * Lays out one hidden sample per font strike the style sheets use, a few per idle period, so the
 * browser's font lookups happen now rather than in the layout of a view being opened. Returns a
 * cancel function (the samples are removed either way once done or cancelled).
 */
export function warmFonts(doc: Document = document): () => void {
  const idle = (cb: () => void): (() => void) => {
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(cb, { timeout: 2_000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(cb, 50);
    return () => clearTimeout(id);
  };
  let cancelNext = () => {};
  let box: HTMLElement | null = null;
  let done = false;
  const finish = () => {
    done = true;
    cancelNext();
    box?.remove();
    box = null;
  };
  cancelNext = idle(() => {
    paintControls(doc);
    const body = getComputedStyle(doc.body);
    const root = getComputedStyle(doc.documentElement);
    const base: FontBase = { rootPx: parseFloat(root.fontSize) || 16, bodyPx: parseFloat(body.fontSize) || 13, family: body.fontFamily };
    const samples = fontSamples(declarations(doc), base);
    const el = doc.createElement('div');
    el.setAttribute('aria-hidden', 'true');
    el.dataset.fontWarmup = '';
    // its own layout root, out of sight and out of the way: laying out a sample touches nothing else
    el.style.cssText = 'position:fixed;left:0;top:0;width:0;height:0;overflow:hidden;visibility:hidden;contain:strict;pointer-events:none';
    doc.body.append(el);
    box = el;
    let i = 0;
    const slice = () => {
      if (done || !box) return;
      const t0 = performance.now();
      // at least one sample a slice; reading its width lays it out (and looks its font up) now
      do {
        const s = samples[i++]!;
        const span = doc.createElement('span');
        span.style.cssText = `font-size:${s.size};font-weight:${s.weight};font-style:${s.style};font-family:${s.family};white-space:nowrap`;
        span.textContent = 'Aa 0.9';
        box.append(span);
        void span.offsetWidth;
      } while (i < samples.length && performance.now() - t0 < SLICE_MS);
      if (i < samples.length) cancelNext = idle(slice);
      else finish();
    };
    slice();
  });
  return () => {
    if (!done) finish();
  };
}
