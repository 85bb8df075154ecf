/**
 * Where subtitles sit on the video as a player would put them: inside the picture (not the letterbox
 * bars of the panel), near its bottom, with a font sized from the picture's height. Pure: no DOM.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The picture's rectangle inside a `boxWidth`×`boxHeight` element showing it with `object-fit: contain`. */
export function containRect(boxWidth: number, boxHeight: number, videoWidth: number, videoHeight: number): Rect {
  if (!(boxWidth > 0 && boxHeight > 0)) return { left: 0, top: 0, width: 0, height: 0 };
  if (!(videoWidth > 0 && videoHeight > 0)) return { left: 0, top: 0, width: boxWidth, height: boxHeight };
  const scale = Math.min(boxWidth / videoWidth, boxHeight / videoHeight);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return { left: (boxWidth - width) / 2, top: (boxHeight - height) / 2, width, height };
}

export interface SubtitleBox {
  /** px, for the first language; the second is a little smaller. */
  fontSize: number;
  secondFontSize: number;
  /** px from the picture's bottom edge to the last line (the usual title-safe margin). */
  bottom: number;
  /** px of the picture's width the text may use. */
  maxWidth: number;
}

/**
 * Font and margins in proportion to the picture, as broadcast guidelines set them: a line about 1/18 of
 * the picture's height, the text kept inside a 5 % safe margin and 90 % of the width.
 */
export function subtitleBox(picture: Rect): SubtitleBox {
  const fontSize = Math.max(8, picture.height / 18);
  return {
    fontSize,
    secondFontSize: Math.max(8, fontSize * 0.85),
    bottom: picture.height * 0.05,
    maxWidth: picture.width * 0.9,
  };
}

/** Clamps a stored panel height to what the window can give it. */
export function clampPanelHeight(height: number, windowHeight: number, min = 80): number {
  const max = Math.max(min, windowHeight - 260);
  return Math.round(Math.min(max, Math.max(min, Number.isFinite(height) ? height : min)));
}
