/** A camera as the browser lists it. */
export interface Camera {
  id: string;
  label: string;
}

/**
 * The camera a tap on «Другая камера» moves to: the one after the camera now filming, round the
 * list. It must start from the running camera, not from a remembered index: the first camera was
 * chosen by the browser (the back one when it can tell), so it may be anywhere in the list.
 */
export function nextCamera(cameras: readonly Camera[], activeId: string | null): string | null {
  if (cameras.length < 2) return null;
  const at = cameras.findIndex((c) => c.id === activeId);
  return cameras[(at + 1) % cameras.length]!.id;
}
