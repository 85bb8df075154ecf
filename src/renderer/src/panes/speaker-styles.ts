/** One CSS class per speaker colour for the gutter stripe, injected once into a shared <style>. */
const STYLE_ID = 'duosub-speaker-stripes';
const FALLBACK = '#9e9e9e';
const known = new Set<string>();

function styleElement(): HTMLStyleElement {
  let el = document.getElementById(STYLE_ID) as HTMLStyleElement | null;
  if (!el) {
    el = document.createElement('style');
    el.id = STYLE_ID;
    document.head.appendChild(el);
  }
  return el;
}

/** The stripe class for a `#rrggbb` colour; anything else (it comes from a file) gets a neutral grey. */
export function speakerStripeClass(color: string | undefined): string {
  const safe = color && /^#[0-9a-fA-F]{3,8}$/.test(color) ? color.toLowerCase() : FALLBACK;
  const cls = `duosub-spk-${safe.slice(1)}`;
  if (!known.has(cls)) {
    known.add(cls);
    styleElement().sheet?.insertRule(`.monaco-editor .${cls} { background: ${safe}; }`);
  }
  return cls;
}
