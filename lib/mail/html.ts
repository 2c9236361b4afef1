/**
 * Mail HTML is hostile: it reaches agents' browsers inside SharePoint. Bodies pass an allow-list
 * sanitiser (sanitize-html): no scripts, event handlers, forms, frames, SVG, external CSS, and
 * only http(s)/mailto/tel links; images only from https, cid: (rewritten to uploaded files) or
 * data: images. Plain-text bodies are escaped with their line breaks kept.
 */
import sanitizeHtml from 'sanitize-html';

/**
 * data: URLs are allowed on img only for raster images; anything else (SVG, HTML) loses its src.
 * Judged on the decoded value as a browser reads it: leading spaces and controls do not count.
 */
function safeDataImage(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  // eslint-disable-next-line no-control-regex
  const src = (attribs.src ?? '').replace(/^[\u0000-\u0020]+/, '');
  if (!/^data:/i.test(src) || /^data:image\/(?:png|gif|jpe?g|webp|bmp);/i.test(src)) return attribs;
  const { src: _dropped, ...rest } = attribs;
  return rest;
}

const OPTIONS: sanitizeHtml.IOptions = {
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
    a: ['href', 'name', 'title'],
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
  // Inline styles are kept only for presentation properties that cannot load anything.
  allowedStyles: {
    '*': {
      color: [/^[#a-z0-9(),.\s%]+$/i],
      'background-color': [/^[#a-z0-9(),.\s%]+$/i],
      'text-align': [/^(left|right|center|justify)$/],
      'font-weight': [/^(normal|bold|[1-9]00)$/],
      'font-style': [/^(normal|italic)$/],
      'text-decoration': [/^[a-z\s-]+$/],
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
  transformTags: {
    // Links open outside SharePoint and do not tell the target where they came from.
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer', target: '_blank' }),
    img: (tagName, attribs) => ({ tagName, attribs: safeDataImage(attribs) }),
  },
};
OPTIONS.allowedAttributes = {
  ...OPTIONS.allowedAttributes,
  a: ['href', 'name', 'title', 'rel', 'target'],
};

export function sanitizeMailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
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
