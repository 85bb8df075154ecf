/** A piece of work run at the next animation frame, once however often it is asked for before then. */
export interface FrameTask {
  schedule(): void;
  cancel(): void;
}

export function frameTask(run: () => void): FrameTask {
  let frame = 0;
  return {
    schedule() {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        run();
      });
    },
    cancel() {
      cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}
