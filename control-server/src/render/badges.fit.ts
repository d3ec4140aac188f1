/**
 * How an organisation's name fits the badge's text column (about 54 mm beside the QR code) without
 * being cut: smaller type for longer names, and for the longest the quoted name first, since
 * «Тёплый дом для каждого» is what people recognise, not the legal form before it.
 */
export interface FittedOrganisation {
  text: string;
  /** Type size in mm, and how many lines that size may take in the space there is. */
  sizeMm: number;
  lines: number;
}

// Roughly how many characters a line holds at each size in PT Sans; tested on real badge sheets.
const STEPS: readonly FittedOrganisation[] = [
  { text: '', sizeMm: 3, lines: 3 },
  { text: '', sizeMm: 2.6, lines: 4 },
  { text: '', sizeMm: 2.2, lines: 5 },
];
const PER_LINE_AT_3MM = 33;

const capacity = (step: FittedOrganisation) => Math.floor((PER_LINE_AT_3MM * 3) / step.sizeMm) * step.lines;

/** The quoted part brought to the front: «АНО "Тёплый дом"» → «"Тёплый дом" — АНО». */
export function quotedFirst(name: string): string {
  const m = /^(.*?)\s*([«"„“][^»"“”]+[»"“”])\s*(.*)$/.exec(name);
  if (!m || !m[1]) return name;
  const rest = [m[1], m[3]].filter(Boolean).join(' ');
  return `${m[2]} — ${rest}`;
}

/** The size (and order) an organisation's name is printed in. */
export function fitOrganisation(name: string): FittedOrganisation {
  for (const step of STEPS) if (name.length <= capacity(step)) return { ...step, text: name };
  const last = STEPS[STEPS.length - 1]!;
  return { ...last, text: quotedFirst(name) };
}
