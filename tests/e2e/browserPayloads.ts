/**
 * Hostile mail bodies for the browser test. The first group follows the stored-XSS and
 * remote-content reports of other helpdesks that turn mail into tickets (Zammad, osTicket,
 * FreeScout, UVdesk, Request Tracker, OTRS): the vectors those projects had to fix. The second is
 * ours: every trick a sanitiser or a browser's parser has been known to fall for. A payload that
 * runs script sets `top.__xss` or opens a dialog; one that loads something asks a host under
 * `.example` (never reached: the browser resolves no names and the test aborts foreign requests).
 */
export interface Payload {
  name: string;
  html?: string;
  subject?: string;
}

const DATA_HTML = `data:text/html;base64,${Buffer.from('<script>top.__xss=1</script>').toString('base64')}`;
const DATA_SVG = `data:image/svg+xml;base64,${Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="top.__xss=1"/>').toString('base64')}`;

export const HELPDESK_HISTORY: Payload[] = [
  // Zammad: script in mail articles and titles, javascript: links with entity-encoded colons.
  {
    name: 'zammad: img onerror in an article',
    html: '<p>Hi</p><img src=x onerror="alert(document.domain)">',
  },
  {
    name: 'zammad: javascript&colon; link',
    html: '<a href="javascript&colon;alert(document.domain)">invoice</a>',
  },
  {
    name: 'zammad: markup in the title',
    subject: '<img src=x onerror=alert(document.domain)>Printer',
  },
  // osTicket: remote images fetched for every viewer (tracking, SSRF), iframes with javascript:.
  {
    name: 'osticket: remote image',
    html: '<img src="http://127.0.0.1:8080/internal" alt="x"><img src="https://t.example/pixel.gif">',
  },
  {
    name: 'osticket: iframe javascript:',
    html: '<iframe src="javascript:alert(document.domain)"></iframe>',
  },
  {
    name: 'osticket: svg onload after a closing quote',
    html: '"><svg/onload=alert(document.domain)>',
  },
  // FreeScout: mutation XSS through MathML/SVG namespace confusion, SVG animation handlers.
  {
    name: 'freescout: math/mglyph/style namespace confusion',
    html: '<math><mtext><table><mglyph><style><img src=x onerror=alert(document.domain)></style></mglyph></table></mtext></math>',
  },
  {
    name: 'freescout: svg animate onbegin',
    html: '<svg><animate onbegin="top.__xss=1" attributeName="x" dur="1s"/></svg>',
  },
  // UVdesk: handlers in ticket messages.
  {
    name: 'uvdesk: body onload and img onerror',
    html: '<body onload="top.__xss=1"><img src="x" onerror="alert(document.cookie)"></body>',
  },
  // Request Tracker: text/html bodies with script, tab-split javascript: URLs, objects.
  {
    name: 'rt: script in an html body',
    html: '<script>alert(document.domain)</script><p>text</p>',
  },
  { name: 'rt: tab inside javascript:', html: '<a href="java&#x09;script:alert(1)">x</a>' },
  {
    name: 'rt: object with a data: document',
    html: `<object data="${DATA_HTML}"></object><embed src="${DATA_HTML}">`,
  },
  // OTRS: external content in mail (remote CSS and images), numeric-entity javascript: links.
  {
    name: 'otrs: remote stylesheet and @import',
    html: '<link rel="stylesheet" href="https://t.example/a.css"><style>@import url(https://t.example/b.css);</style><p>x</p>',
  },
  {
    name: 'otrs: entity-encoded javascript:',
    html: '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  },
];

export const OWN: Payload[] = [
  {
    name: 'script in odd casing',
    html: '<ScRiPt>top.__xss=1</sCrIpT><SCRIPT SRC=https://t.example/x.js></SCRIPT>',
  },
  {
    name: 'handlers in odd casing',
    html: '<IMG SRC=x OnErRoR=top.__xss=1><p OnMouseOver="top.__xss=1">x</p><details open ontoggle=top.__xss=1>y</details>',
  },
  {
    name: 'javascript: with whitespace and controls',
    html: '<a href=" &#14;  javascript:top.__xss=1">a</a><a href="jav&#x0A;ascript:top.__xss=1">b</a><a href="JaVaScRiPt:top.__xss=1">c</a>',
  },
  {
    name: 'vbscript: and data: links',
    html: `<a href="vbscript:msgbox(1)">a</a><a href="${DATA_HTML}">b</a>`,
  },
  {
    name: 'svg script and xlink',
    html: '<svg><script>top.__xss=1</script><a xlink:href="javascript:top.__xss=1"><text>t</text></a></svg>',
  },
  {
    name: 'mathml href',
    html: '<math><mi xlink:href="javascript:top.__xss=1" href="javascript:top.__xss=1">m</mi></math>',
  },
  {
    name: 'noscript title mutation',
    html: '<noscript><p title="</noscript><img src=x onerror=top.__xss=1>"></noscript>',
  },
  {
    name: 'textarea mutation',
    html: '<textarea><img title="</textarea><img src=x onerror=top.__xss=1>"></textarea>',
  },
  {
    name: 'base href',
    html: '<base href="https://evil.example/"><a href="page">relative</a><img src="p.gif">',
  },
  {
    name: 'form, formaction and input image',
    html: '<form action="https://evil.example/"><input name=q><button formaction="javascript:top.__xss=1">go</button><input type=image src="https://t.example/i.gif"></form>',
  },
  {
    name: 'meta refresh',
    html: '<meta http-equiv="refresh" content="0;url=https://evil.example/"><p>x</p>',
  },
  {
    name: 'css expression and url',
    html: '<p style="color:expression(alert(document.domain))">a</p><div style="background:url(https://t.example/bg.gif);color:red">b</div><span style="behavior:url(x.htc);-moz-binding:url(https://t.example/x.xml#x)">c</span>',
  },
  { name: 'svg and html data: images', html: `<img src="${DATA_SVG}"><img src="${DATA_HTML}">` },
  {
    name: 'srcset and picture',
    html: '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="https://t.example/s.gif 1x"><picture><source srcset="https://t.example/p.gif"><img src="https://t.example/q.gif"></picture>',
  },
  {
    name: 'background attributes and video poster',
    html: '<table background="https://t.example/t.gif"><tr><td background="https://t.example/d.gif">x</td></tr></table><video poster="https://t.example/v.gif"></video>',
  },
  { name: 'iframe srcdoc', html: '<iframe srcdoc="<script>top.__xss=1</script>"></iframe>' },
  {
    name: 'protocol-relative and relative images',
    html: '<img src="//t.example/r.gif"><img src="/_layouts/15/SignOut.aspx">',
  },
  { name: 'bidi override in the title', subject: 'Invoice \u202Efdp.exe \u2066x\u2069' },
];

/** The inline image whose file name breaks out of an alt attribute (issue 15, item 6). */
export const CID_BREAKOUT = {
  name: 'cid: rewrite break-out',
  html: `<p>See</p><img alt=" src='cid:x'" src="cid:x">`,
  fileName: "onload=alert(document.domain)+''+",
  cid: 'x',
};
