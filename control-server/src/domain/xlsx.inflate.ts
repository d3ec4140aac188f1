import { Unzip, UnzipInflate } from 'fflate';

/**
 * How much a workbook may unpack to. A zip stores a run of the same byte in a thousandth of its
 * size, so a 204 KB upload can hold a 200 MB entry; the Excel reader keeps every XML entry whole in
 * memory (and allocates what the entry claims before reading it). A guest list of a few thousand
 * rows unpacks to a few megabytes; 32 MB leaves room for a big list and none for a bomb.
 */
export const XLSX_INFLATED_LIMIT = 32 * 1024 * 1024;

/**
 * Unpacks the archive entry by entry without keeping anything, counting what each entry claims and
 * what it really inflates to, and stops as soon as the total passes the limit. The Excel reader
 * walks the same local headers, so it never meets an entry this pass has not measured. Returns the
 * bytes counted, or null when the workbook would unpack to more than `limit`.
 */
export function inflatedSizeWithin(bytes: Uint8Array, limit = XLSX_INFLATED_LIMIT): number | null {
  let total = 0;
  let over = false;
  const unzip = new Unzip((file) => {
    if (over) return;
    if ((file.originalSize ?? 0) > limit - total) {
      over = true;
      return;
    }
    file.ondata = (err, chunk) => {
      if (err || over) return;
      total += chunk.length;
      if (total > limit) {
        over = true;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // Fed in slices so an entry is inflated (and dropped) a piece at a time.
  const step = 64 * 1024;
  for (let at = 0; at < bytes.length && !over; at += step)
    unzip.push(bytes.subarray(at, at + step), at + step >= bytes.length);
  return over ? null : total;
}
