/** The portal's icon: a 16×16 PNG (the accent-blue square), served at /favicon.ico. */
export const FAVICON_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAYAAAAf8/9hAAAAI0lEQVR42mP4//8/AyWYgWoGMFRc+U8KHjVg1IDhasCA5UYAkHqY/4cuGOwAAAAASUVORK5CYII=",
  "base64",
);
