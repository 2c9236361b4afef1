/**
 * The reply-html figure's cases, also the reply-cutting tests' fixtures: HTML replies as mail
 * clients write them, each written here after the client's real markup (Outlook's MsoNormal
 * header paragraphs, Hotmail's stopSpelling rule, Windows Mail's bordered block with direction
 * marks, AOL's and Zimbra's header blocks, mail.ru's mail-quote-collapse, Yandex's attribution,
 * Proton's protonmail_quote), and forwards from Gmail and Apple Mail, which are content, not
 * history. Names and addresses are made up.
 */
import { OWN, QUOTED, outlookReplies } from './replyHtmlOutlook';

export interface ReplyHtmlCase {
  client: string;
  html: string;
  /** The visible text the comment keeps: all of it for a reply, at least it for the figure. */
  own: string;
  /** The client's text part, when it sends one beside the HTML. */
  text?: string;
  /** Visible strings of the quoted history: none may be left in the comment. */
  history: string[];
}

export const clientReplies: ReplyHtmlCase[] = [
  ...outlookReplies,
  {
    client: 'Hotmail (date-first block)',
    html: `<html><head><style><!--\n.hmmessage P{margin:0px;padding:0px}\n--></style></head><body class='hmmessage'><div dir='ltr'>${OWN}<div><br></div><div>Anna<br><br><div><hr id="stopSpelling">Date: Mon, 2 Mar 2020 10:01:00 +0100<br>Subject: Printer<br>From: support@contoso.com<br>To: anna@example.com<br><br><div dir="ltr">${QUOTED}</div></div></div></div></body></html>`,
    own: `${OWN} Anna`,
    history: ['Date:', 'Subject: Printer', QUOTED],
  },
  {
    client: 'Hotmail (> quoting in HTML)',
    html: `<html><body class='hmmessage'><div dir='ltr'>\n${OWN}<br><br><div><div id="SkyDrivePlaceholder"></div>&gt; Subject: Printer<br>&gt; From: support@contoso.com<br>&gt; To: anna@example.com<br>&gt; Date: Mon, 2 Mar 2020 10:01:00 +0100<br>&gt; <br>&gt; ${QUOTED}<br></div> \t\t \t   \t\t  </div></body></html>`,
    own: OWN,
    text: `\n${OWN}\n\n> Subject: Printer\n> From: support@contoso.com\n> To: anna@example.com\n> Date: Mon, 2 Mar 2020 10:01:00 +0100\n> \n> ${QUOTED}\n`,
    history: ['Subject: Printer', QUOTED],
  },
  {
    client: 'Windows Mail in Russian (direction marks)',
    html: `<div data-externalstyle="false" dir="ltr" style="font-family: 'Calibri', 'Segoe UI', sans-serif;font-size:12pt;"><div>Спасибо, принтер снова работает.</div><div data-signatureblock="true"><div><br></div><div><br></div></div><div style="padding-top: 5px; border-top-color: rgb(229, 229, 229); border-top-width: 1px; border-top-style: solid;"><div><font face=" 'Calibri', 'Segoe UI', sans-serif" style='line-height: 15pt; font-size: 12pt;'><b>\u200eОт:</b>&nbsp;<a href="mailto:support@contoso.com" target="_parent">Поддержка</a><br><b>\u200eОтправлено:</b>&nbsp;понедельник, 2 марта 2020 г. 10:01<br><b>\u200eКому:</b>&nbsp;<a href="mailto:anna@example.com" target="_parent">Анна</a><br><b>\u200eТема:</b>&nbsp;Принтер</font></div></div><div><br></div><div dir=""><div dir="ltr">Принтер сломан?</div></div></div>`,
    own: 'Спасибо, принтер снова работает.',
    history: ['Отправлено:', 'Принтер сломан?'],
  },
  {
    client: 'AOL (-----Original Message----- in HTML)',
    html: `<font color='black' size='2' face='arial'>${OWN}<br>\n\n<br>\n<br>\n\n<div style="font-family:arial,helvetica;font-size:10pt;color:black">-----Original Message-----<br>\nFrom: Support &lt;support@contoso.com&gt;<br>\nTo: anna &lt;anna@aol.com&gt;<br>\nSent: Mon, Mar 2, 2020 10:01 am<br>\nSubject: Printer<br>\n\n<br>\n<div id="AOLMsgPart_0_4d68a632" style="margin: 0px;font-family: Tahoma, Verdana, Arial, Sans-Serif;font-size: 12px;color: #000;background-color: #fff;">\n<pre style="font-size: 9pt;"><tt>${QUOTED}\n</tt></pre>\n</div>\n <!-- end of AOLMsgPart_0_4d68a632 -->\n</div>\n</font>`,
    own: OWN,
    text: `${OWN}\n\n\n\n-----Original Message-----\nFrom: Support <support@contoso.com>\nTo: anna <anna@aol.com>\nSent: Mon, Mar 2, 2020 10:01 am\nSubject: Printer\n\n\n${QUOTED}\n`,
    history: ['-----Original Message-----', QUOTED],
  },
  {
    client: 'Comcast (Zimbra header block)',
    html: `<html><head><style type='text/css'>p { margin: 0; }</style></head><body><div style='font-family: Arial; font-size: 12pt; color: #000000'>${OWN}<br><br><hr id="zwchr"><b>From: </b>support@contoso.com<br><b>To: </b>anna@comcast.net<br><b>Sent: </b>Monday, March 2, 2020 10:01:00 AM<br><b>Subject: </b>Printer<br><br>${QUOTED}<br></div></body></html>`,
    own: OWN,
    text: `${OWN} \n\n----- Original Message -----\nFrom: support@contoso.com \nTo: anna@comcast.net \nSent: Monday, March 2, 2020 10:01:00 AM \nSubject: Printer \n\n${QUOTED} \n`,
    history: ['Sent:', QUOTED],
  },
  {
    client: 'Gmail attribution without a quote after it',
    html: `<div dir="ltr">${OWN}</div><br><div class="gmail_attr" dir="ltr">On Mon, Mar 2, 2020 at 10:01 AM Support &lt;<a href="mailto:support@contoso.com">support@contoso.com</a>&gt; wrote:<br></div><div dir="ltr">${QUOTED}</div>`,
    own: OWN,
    history: ['wrote:', QUOTED],
  },
  {
    client: 'mail.ru (mail-quote-collapse)',
    html: `<HTML><BODY><div>${OWN}</div><div>&nbsp;</div><div>Понедельник, 2 марта 2020, 10:01 +03:00 от Support &lt;<a href="mailto:support@contoso.com">support@contoso.com</a>&gt;:<br>&nbsp;<div class="mail-quote-collapse"><blockquote style="border-left:1px solid #0857A6; margin:10px; padding:0 0 0 10px;"><div id=""><div class="js-helper js-readmsg-msg"><div><div id="style_15831_BODY">${QUOTED}</div></div></div></div></blockquote></div></div></BODY></HTML>`,
    own: OWN,
    history: ['support@contoso.com', QUOTED],
  },
  {
    client: 'Yandex',
    html: `<div>${OWN}</div><div>&nbsp;</div><div>02.03.2020, 10:01, "Support" &lt;<a href="mailto:support@contoso.com">support@contoso.com</a>&gt;:</div><blockquote><div>${QUOTED}</div></blockquote>`,
    own: OWN,
    history: ['support@contoso.com', QUOTED],
  },
  {
    client: 'Proton Mail',
    html: `<div style="font-family: Arial, sans-serif; font-size: 14px;">${OWN}</div><div class="protonmail_signature_block"><div class="protonmail_signature_block-proton">Sent with <a href="https://proton.me/">Proton Mail</a> secure email.</div></div><br><div class="protonmail_quote">On Monday, March 2nd, 2020 at 10:01, Support &lt;support@contoso.com&gt; wrote:<br><blockquote class="protonmail_quote" type="cite"><div>${QUOTED}</div></blockquote><br></div>`,
    own: OWN,
    history: ['wrote:', QUOTED],
  },
];

const FORWARDED = 'The printer is on fire.';

/** Forwarded messages: the comment keeps all of the mail, the forwarded part included. */
export const clientForwards: ReplyHtmlCase[] = [
  {
    client: 'Gmail forward',
    html: `<div dir="ltr">See below.<br><br><div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername" dir="auto">Bob</strong> <span dir="auto">&lt;<a href="mailto:bob@example.com">bob@example.com</a>&gt;</span><br>Date: Mon, 2 Mar 2020 at 10:01<br>Subject: Printer<br>To: &lt;<a href="mailto:anna@example.com">anna@example.com</a>&gt;<br></div><br><br><div dir="ltr">${FORWARDED}</div></div></div>`,
    own: `See below. ---------- Forwarded message --------- From: Bob <bob@example.com> Date: Mon, 2 Mar 2020 at 10:01 Subject: Printer To: <anna@example.com> ${FORWARDED}`,
    history: [],
  },
  {
    client: 'Apple Mail forward',
    html: `<div>See below.<br><div><br><blockquote type="cite"><div>Begin forwarded message:</div><br class="Apple-interchange-newline"><div style="margin: 0px;"><span style="font-family: -webkit-system-font, Helvetica Neue; color:rgba(0, 0, 0, 1.0);"><b>From: </b></span><span>Bob &lt;<a href="mailto:bob@example.com">bob@example.com</a>&gt;<br></span></div><div style="margin: 0px;"><span><b>Subject: </b></span><span><b>Printer</b><br></span></div><br><div><div>${FORWARDED}</div></div></blockquote></div></div>`,
    own: `See below. Begin forwarded message: From: Bob <bob@example.com> Subject: Printer ${FORWARDED}`,
    history: [],
  },
];

export const replyHtmlCases: ReplyHtmlCase[] = [...clientReplies, ...clientForwards];
