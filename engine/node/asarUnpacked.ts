// Where a worker script really is in the packaged app. electron-builder packs the app into
// resources/app.asar and puts the files named in `asarUnpack` (the workers, the native addons) beside it
// in resources/app.asar.unpacked: a worker thread is started by Node from a real file, which a path
// inside the archive is not. A bundle inside the archive computes its worker's path from its own URL, so
// the path has to be moved across — on Windows with `\` as the separator, elsewhere with `/`.

const INSIDE_ASAR = /([\\/])app\.asar(?=[\\/])/;

/** The same path under app.asar.unpacked when it points inside app.asar; any other path as it is. */
export function outsideAsar(path: string): string {
  return path.replace(INSIDE_ASAR, '$1app.asar.unpacked');
}
