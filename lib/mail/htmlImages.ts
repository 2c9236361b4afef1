/**
 * What an `<img>` of mail HTML may load in an agent's browser. Judged on the parsed attribute (the
 * sanitiser's transform), never on the serialised text, so nothing inside another attribute's
 * value can pass for a `src`:
 * - data: only for raster images (SVG or HTML in a data: URL runs script);
 * - cid: (RFC 2392) points at the uploaded inline file once its URL is known, fully encoded;
 * - a relative src loads nothing;
 * - http(s): a remote image tells the sender when and where an agent opened the ticket (a
 *   tracking pixel), so by default it becomes a link the agent may choose to open. A tenant can
 *   allow remote https images (`remoteImages: 'allow'`).
 */
import type sanitizeHtml from 'sanitize-html';

export type RemoteImages = 'block' | 'allow';
export const REMOTE_IMAGES: readonly RemoteImages[] = ['block', 'allow'];

export interface ImageOptions {
  /** 'block' unless the tenant chose otherwise. */
  remoteImages?: RemoteImages;
  /** Uploaded inline images: cidKey of the Content-ID to the file's URL. */
  inlineImageUrls?: ReadonlyMap<string, string>;
}

/** A Content-ID or cid: URL as a lookup key. RFC 2392 compares exactly; mailers vary in case. */
export function cidKey(value: string): string {
  let v = value.trim().replace(/^cid:/i, '');
  try {
    v = decodeURIComponent(v); // the cid: URL form is percent-encoded (RFC 2392 §2)
  } catch {
    // a stray '%' stays as it is
  }
  return v.replace(/^<|>$/g, '').trim().toLowerCase();
}

/** Each character outside RFC 3986's unreserved set percent-encoded, existing escapes kept. */
function encodePart(part: string): string {
  let text = part;
  try {
    text = decodeURIComponent(part);
  } catch {
    // a stray '%' is encoded like any other character
  }
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
}

/**
 * An uploaded file's URL as written into a body: https only, each path segment fully encoded, no
 * query or fragment (SharePoint serves a library file at its path), so it reads as one inert
 * value wherever it lands.
 */
export function fileUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return undefined;
  return `https://${url.host}${url.pathname.split('/').map(encodePart).join('/')}`;
}

// A browser skips leading spaces and controls in a URL attribute (WHATWG URL, "strip leading and
// trailing C0 control or space").
// eslint-disable-next-line no-control-regex
const urlOf = (value: string | undefined): string => (value ?? '').replace(/^[\u0000-\u0020]+/, '');

const RASTER_DATA = /^data:image\/(?:png|gif|jpe?g|webp|bmp);/i;

function withoutSrc(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const { src: _dropped, ...rest } = attribs;
  return rest;
}

/** A blocked remote image: a link to it, named by its alt text, that loads nothing by itself. */
function remoteImageLink(src: string, alt: string | undefined): sanitizeHtml.Tag {
  const label = alt?.trim() ? `[image: ${alt.trim()}]` : '[image]';
  return {
    tagName: 'a',
    attribs: {
      href: src,
      title: 'Remote image, not loaded',
      rel: 'noopener noreferrer',
      target: '_blank',
    },
    text: label,
  };
}

/** The img transform; `rewritten` is called for each cid: reference pointed at its file. */
export function imageTransform(
  options: ImageOptions,
  rewritten: () => void,
): sanitizeHtml.Transformer {
  // A body may show one image many times: each file's URL is encoded once per pass.
  const urls = new Map<string, string | undefined>();
  const urlFor = (key: string): string | undefined => {
    if (!urls.has(key)) urls.set(key, fileUrl(options.inlineImageUrls?.get(key)));
    return urls.get(key);
  };
  return (tagName, attribs) => {
    const src = urlOf(attribs.src);
    if (/^data:/i.test(src)) {
      return { tagName, attribs: RASTER_DATA.test(src) ? attribs : withoutSrc(attribs) };
    }
    if (/^cid:/i.test(src)) {
      const url = urlFor(cidKey(src));
      if (!url) return { tagName, attribs };
      rewritten();
      return { tagName, attribs: { ...attribs, src: url } };
    }
    if (/^https?:/i.test(src)) {
      const allowed = options.remoteImages === 'allow';
      return allowed ? { tagName, attribs } : remoteImageLink(src, attribs.alt);
    }
    // A relative src would load from the agent's own SharePoint with their session: a sender
    // could make every agent who opens the ticket request a page of their choosing there.
    return { tagName, attribs: withoutSrc(attribs) };
  };
}
