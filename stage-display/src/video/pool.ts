import type { MediaStatus } from '@ceremony/shared';

export interface Clip {
  cueId: string;
  el: HTMLVideoElement;
  status: MediaStatus;
  /** True once a frame can be shown: until then the branded title card stays visible. */
  hasFrame: boolean;
  /** Kept behind the title card while it seeks to where the hall's clip is: the hall never sees a jump. */
  holding: boolean;
}

/**
 * The video elements of the live cue and the next video cue, created once and moved between a
 * hidden parking place and the cue's layer. Moving the element keeps what it buffered, so a
 * preloaded clip starts without a gap on GO. Never shows controls or the browser's error UI.
 */
export class VideoPool {
  private clips = new Map<string, Clip>();
  private listeners = new Set<() => void>();

  constructor(
    private readonly parking: HTMLElement,
    /** Where a clip's `/media/…` address is loaded from (the hub the page is on now). */
    private readonly resolve: (url: string) => string = (url) => url,
  ) {}

  /** The clip of a video cue, created (and starting to load) if it is not there yet. */
  ensure(cueId: string, url: string): Clip {
    const known = this.clips.get(cueId);
    if (known) {
      // A clip that failed while its hub went away is loaded once more from the hub the page is on now.
      const from = new URL(this.resolve(url), document.baseURI).href;
      if (known.status === 'error' && known.el.src !== from) {
        known.status = 'loading';
        known.el.src = from;
        this.changed();
      }
      return known;
    }
    const el = document.createElement('video');
    el.className = 'stage-video';
    el.preload = 'auto';
    el.playsInline = true;
    el.controls = false;
    el.disablePictureInPicture = true;
    el.setAttribute('disableremoteplayback', '');
    const clip: Clip = { cueId, el, status: 'loading', hasFrame: false, holding: false };
    const set = (status: MediaStatus) => {
      if (clip.status === status) return;
      clip.status = status;
      this.changed();
    };
    const frame = () => {
      if (clip.hasFrame || el.readyState < 2) return;
      clip.hasFrame = true;
      this.showFrame(clip);
    };
    el.addEventListener('loadeddata', frame);
    el.addEventListener('canplaythrough', () => {
      frame();
      if (clip.status === 'loading') set('ready');
    });
    el.addEventListener('playing', () => {
      frame();
      set('playing');
    });
    el.addEventListener('pause', () => {
      if (!el.ended && clip.status !== 'error') set('paused');
    });
    el.addEventListener('ended', () => set('ended'));
    // A clip put on the hall's paused frame (a reloaded projector) is paused, not merely "ready".
    el.addEventListener('seeked', () => {
      if (el.paused && !el.ended && (clip.status === 'ready' || clip.status === 'loading')) set('paused');
    });
    el.addEventListener('error', () => {
      delete el.dataset.frame;
      clip.hasFrame = false;
      set('error');
    });
    el.addEventListener('timeupdate', () => this.changed());
    el.src = this.resolve(url);
    this.parking.append(el);
    this.clips.set(cueId, clip);
    return clip;
  }

  get(cueId: string | null | undefined): Clip | undefined {
    return cueId ? this.clips.get(cueId) : undefined;
  }

  /** Hides the clip (the title card shows) until `release`: it is about to seek. */
  hold(clip: Clip): void {
    clip.holding = true;
    delete clip.el.dataset.frame;
  }

  /** Shows the clip again once it is where it should be (at once if its frame is there). */
  release(clip: Clip): void {
    if (!clip.holding) return;
    clip.holding = false;
    this.showFrame(clip);
  }

  /** Back to the hidden parking place (the cue's layer is going away). */
  park(clip: Clip): void {
    if (clip.el.parentElement !== this.parking) this.parking.append(clip.el);
  }

  /** Lets go of clips that are neither live nor next and not on screen; their network use stops. */
  prune(keep: ReadonlySet<string>): void {
    for (const [id, clip] of this.clips) {
      if (keep.has(id) || clip.el.parentElement !== this.parking) continue;
      clip.el.pause();
      clip.el.removeAttribute('src');
      clip.el.load();
      clip.el.remove();
      this.clips.delete(id);
    }
  }

  /** Told about any change of any clip (status, frame, position). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  private showFrame(clip: Clip): void {
    if (clip.hasFrame && !clip.holding) clip.el.dataset.frame = '1';
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
