/**
 * The buffer size of every stream a document's bytes go through (upload parsing, staging write,
 * blob read, checksum, response). Node's defaults (16 KiB for transforms, 64 KiB for files) make a
 * 100 MB transfer thousands of small reads, writes and pause/resume hops, each a trip through the
 * thread pool or the event loop; 1 MiB makes them a hundred while a transfer's memory stays a few
 * MiB per stream (RSS flat whatever the file's size).
 */
export const STREAM_CHUNK_BYTES = 1024 * 1024;
