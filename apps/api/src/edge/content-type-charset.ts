import contentType from 'content-type';

/** The media type and charset of a Content-Type header, lower-cased; undefined when absent or not parseable. */
export function mediaTypeOf(header: string | undefined): { type: string; charset: string | undefined } | undefined {
  if (header === undefined) return undefined;
  try {
    const { type, parameters } = contentType.parse(header);
    return { type, charset: parameters.charset?.toLowerCase() };
  } catch {
    return undefined;
  }
}

/** No charset, or UTF-8's under either name: the only charset JSON comes in (RFC 8259). */
export const isUtf8Charset = (charset: string | undefined): boolean => charset === undefined || charset === 'utf-8' || charset === 'utf8';
