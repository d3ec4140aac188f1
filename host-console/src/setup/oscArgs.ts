/** One OSC argument as a cue action stores it: a number goes as a float or int, anything else as a string. */
export type OscArg = number | string;

const TOKEN = /"((?:[^"\\]|\\.)*)"|(\S+)/g;

/**
 * The arguments field as typed: space-separated; a number is sent as a number (QLab's `/cue/12/level
 * 0 0 -6` wants floats); text with spaces in double quotes; `"12"` keeps a number as text.
 */
export function parseOscArgs(text: string): OscArg[] {
  const args: OscArg[] = [];
  for (const [, quoted, bare] of text.matchAll(TOKEN)) {
    if (quoted !== undefined) args.push(quoted.replace(/\\(.)/g, '$1'));
    else if (bare !== undefined) args.push(/^-?\d+(\.\d+)?$/.test(bare) ? Number(bare) : bare);
  }
  return args;
}

/** The arguments back as the field shows them, so that parsing what is shown gives them again. */
export function formatOscArgs(args: readonly OscArg[]): string {
  return args
    .map((a) =>
      typeof a === 'number'
        ? String(a)
        : a === '' || /[\s"\\]/.test(a) || /^-?\d+(\.\d+)?$/.test(a)
          ? `"${a.replace(/["\\]/g, '\\$&')}"`
          : a,
    )
    .join(' ');
}
