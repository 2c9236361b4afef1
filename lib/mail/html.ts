/**
 * Mail HTML is hostile: it reaches agents' browsers inside SharePoint. Bodies pass an allow-list
 * sanitiser (sanitize-html): no scripts, event handlers, forms, frames, SVG, external CSS, and
 * only http(s)/mailto/tel links; what an image may load is decided in htmlImages.ts. Plain-text
 * bodies are escaped with their line breaks kept.
 */
import sanitizeHtml from 'sanitize-html';

import { type ImageOptions, imageTransform } from './htmlImages';

export type { ImageOptions, RemoteImages } from './htmlImages';

// Colour values as CSS writes them, and nothing that calls or loads: no expression() (old IE ran
// script in it), url(), var() or escapes. A colour name is letters only.
const COLOR =
  /^(?:#[0-9a-f]{3,8}|[a-z]{3,30}|(?:rgba?|hsla?)\(\s*[-+\d.%]+(?:\s*[,/\s]\s*[-+\d.%]+){2,3}\s*\))$/i;

const BASE: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== 'a'),
    'a',
    'img',
    'font',
    'center',
    'span',
    'div',
    'u',
    's',
    'strike',
    'del',
    'ins',
  ],
  allowedAttributes: {
    a: ['href', 'name', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    font: ['color', 'size', 'face'],
    td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
    th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
    table: ['width', 'border', 'cellpadding', 'cellspacing'],
    '*': ['style', 'align', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'cid', 'data'] },
  allowProtocolRelative: false,
  // Inline styles: presentation properties only (no behavior, -moz-binding, background or
  // anything else that can load), each with values that cannot call or load anything.
  allowedStyles: {
    '*': {
      color: [COLOR],
      'background-color': [COLOR],
      'text-align': [/^(?:left|right|center|justify)$/i],
      'font-weight': [/^(?:normal|bold|[1-9]00)$/i],
      'font-style': [/^(?:normal|italic)$/i],
      'text-decoration': [/^[a-z]+(?:[\s-][a-z]+)*$/i],
    },
  },
  // <style>, <script>, <svg>, <iframe> etc. are dropped with their content, not unwrapped.
  nonTextTags: [
    'style',
    'script',
    'textarea',
    'option',
    'noscript',
    'svg',
    'math',
    'iframe',
    'object',
    'title',
    'head',
  ],
};

// Links open outside SharePoint and do not tell the target where they came from.
const link = sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' });

/** The sanitised body, and how many cid: references now point at uploaded files. */
export function sanitizeWithImages(
  html: string,
  images: ImageOptions = {},
): { html: string; rewritten: number } {
  let rewritten = 0;
  const img = imageTransform(images, () => rewritten++);
  const out = sanitizeHtml(html, { ...BASE, transformTags: { a: link, img } });
  return { html: out, rewritten };
}

export function sanitizeMailHtml(html: string, images: ImageOptions = {}): string {
  return sanitizeWithImages(html, images).html;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Plain text as HTML: escaped, paragraphs and line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
