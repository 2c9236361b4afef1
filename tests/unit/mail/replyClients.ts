/**
 * Replies as mail clients write them, for the reply-cutting tests: each written here after the
 * client's real markup (Outlook's MsoNormal header paragraphs, Hotmail's stopSpelling rule,
 * Windows Mail's bordered block with direction marks, AOL's and Zimbra's header blocks, mail.ru's
 * mail-quote-collapse, Yandex's attribution, Proton's protonmail_quote). Names and addresses are
 * made up. `own` is the visible text the comment must keep; `text` the client's text part.
 */
export interface ClientReply {
  client: string;
  html: string;
  own: string;
  text?: string;
}

const OWN = 'Thanks, the printer works again.';
const span = (s: string): string =>
  `<span lang=EN-US style='font-size:10.0pt;font-family:Tahoma'>${s}</span>`;

/** An Outlook 2003-2010 reply: own paragraph, a centred rule, then a header paragraph. */
function outlookWord(keys: [string, string][]): string {
  const header = keys.map(([k, v]) => `<b>${span(`${k}:`)}</b>${span(` ${v}`)}`).join('<br>\n');
  return (
    `<html><body lang=EN-US><div class=Section1><p class=MsoNormal><font size=2 color=navy face=Arial>${span(OWN)}<o:p></o:p></font></p>\n` +
    `<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n<div>\n<div class=MsoNormal align=center style='text-align:center'><font size=3><span style='font-size:12.0pt'>\n` +
    `<hr size=3 width="100%" align=center tabindex=-1>\n</span></font></div>\n<p class=MsoNormal>${header}<o:p></o:p></p>\n</div>\n` +
    `<p class=MsoNormal><o:p>&nbsp;</o:p></p><div><p class=MsoNormal>Is the printer broken?</p></div></div></body></html>`
  );
}

const localized: Array<[string, [string, string][]]> = [
  [
    'Italian Outlook',
    [
      ['Da', 'Assistenza'],
      ['Inviato', 'lunedì 2 marzo 2020 10:01'],
      ['A', 'Anna'],
      ['Oggetto', 'Stampante'],
    ],
  ],
  [
    'Dutch Outlook',
    [
      ['Van', 'Support'],
      ['Verzonden', 'maandag 2 maart 2020 10:01'],
      ['Aan', 'Anna'],
      ['Onderwerp', 'Printer'],
    ],
  ],
  [
    'Portuguese Outlook',
    [
      ['De', 'Suporte'],
      ['Enviada em', 'segunda-feira, 2 de março de 2020 10:01'],
      ['Para', 'Anna'],
      ['Assunto', 'Impressora'],
    ],
  ],
  [
    'Spanish Outlook',
    [
      ['De', 'Soporte'],
      ['Enviado el', 'lunes, 2 de marzo de 2020 10:01'],
      ['Para', 'Anna'],
      ['Asunto', 'Impresora'],
    ],
  ],
  [
    'Swedish Outlook',
    [
      ['Från', 'Support'],
      ['Skickat', 'den 2 mars 2020 10:01'],
      ['Till', 'Anna'],
      ['Ämne', 'Skrivare'],
    ],
  ],
  [
    'Japanese Outlook',
    [
      ['差出人', 'サポート'],
      ['送信日時', '2020年3月2日 10:01'],
      ['宛先', 'Anna'],
      ['件名', 'プリンター'],
    ],
  ],
  [
    'German Outlook',
    [
      ['Von', 'Support'],
      ['Gesendet', 'Montag, 2. März 2020 10:01'],
      ['An', 'Anna'],
      ['Betreff', 'Drucker'],
    ],
  ],
];

export const clientReplies: ClientReply[] = [
  {
    client: 'Outlook 2003 ([mailto:])',
    html: outlookWord([
      ['From', 'Support Desk [mailto:support@contoso.com]'],
      ['Sent', 'Monday, March 02, 2020 10:01 AM'],
      ['To', 'Anna'],
      ['Subject', 'Printer'],
    ]),
    own: OWN,
  },
  {
    client: 'Outlook 2010 (On Behalf Of)',
    html: `<div class="WordSection1"><p class="MsoNormal"><span style="color:#1F497D">${OWN}<o:p></o:p></span></p><p class="MsoNormal"><span style="color:#1F497D"><o:p>&nbsp;</o:p></span></p><p class="MsoNormal"><b><span style="font-size:10.0pt;font-family:&quot;Tahoma&quot;">From:</span></b><span style="font-size:10.0pt;font-family:&quot;Tahoma&quot;"> Support [mailto:support@contoso.com]\n<b>On Behalf Of </b>desk@contoso.com<br>\n<b>Sent:</b> Monday, March 02, 2020 10:01 AM<br>\n<b>To:</b> anna@example.com<br>\n<b>Subject:</b> Printer<o:p></o:p></span></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><p>Is the printer broken?<o:p></o:p></p></div>`,
    own: OWN,
    text: `${OWN}\n\nFrom: Support [mailto:support@contoso.com] On Behalf Of desk@contoso.com\nSent: Monday, March 02, 2020 10:01 AM\nTo: anna@example.com\nSubject: Printer\n\nIs the printer broken?\n`,
  },
  {
    client: 'Hotmail (date-first block)',
    html: `<html><head><style><!--\n.hmmessage P{margin:0px;padding:0px}\n--></style></head><body class='hmmessage'><div dir='ltr'>${OWN}<div><br></div><div>Anna<br><br><div><hr id="stopSpelling">Date: Mon, 2 Mar 2020 10:01:00 +0100<br>Subject: Printer<br>From: support@contoso.com<br>To: anna@example.com<br><br><div dir="ltr">Is the printer broken?</div></div></div></div></body></html>`,
    own: `${OWN} Anna`,
  },
  {
    client: 'Hotmail (> quoting in HTML)',
    html: `<html><body class='hmmessage'><div dir='ltr'>\n${OWN}<br><br><div><div id="SkyDrivePlaceholder"></div>&gt; Subject: Printer<br>&gt; From: support@contoso.com<br>&gt; To: anna@example.com<br>&gt; Date: Mon, 2 Mar 2020 10:01:00 +0100<br>&gt; <br>&gt; Is the printer broken?<br></div> \t\t \t   \t\t  </div></body></html>`,
    own: OWN,
    text: `\n${OWN}\n\n> Subject: Printer\n> From: support@contoso.com\n> To: anna@example.com\n> Date: Mon, 2 Mar 2020 10:01:00 +0100\n> \n> Is the printer broken?\n`,
  },
  {
    client: 'Windows Mail in Russian (direction marks)',
    html: `<div data-externalstyle="false" dir="ltr" style="font-family: 'Calibri', 'Segoe UI', sans-serif;font-size:12pt;"><div>Спасибо, принтер снова работает.</div><div data-signatureblock="true"><div><br></div><div><br></div></div><div style="padding-top: 5px; border-top-color: rgb(229, 229, 229); border-top-width: 1px; border-top-style: solid;"><div><font face=" 'Calibri', 'Segoe UI', sans-serif" style='line-height: 15pt; font-size: 12pt;'><b>\u200eОт:</b>&nbsp;<a href="mailto:support@contoso.com" target="_parent">Поддержка</a><br><b>\u200eОтправлено:</b>&nbsp;понедельник, 2 марта 2020 г. 10:01<br><b>\u200eКому:</b>&nbsp;<a href="mailto:anna@example.com" target="_parent">Анна</a><br><b>\u200eТема:</b>&nbsp;Принтер</font></div></div><div><br></div><div dir=""><div dir="ltr">Принтер сломан?</div></div></div>`,
    own: 'Спасибо, принтер снова работает.',
  },
  ...localized.map(([client, keys]) => ({ client, html: outlookWord(keys), own: OWN })),
  {
    client: 'AOL (-----Original Message----- in HTML)',
    html: `<font color='black' size='2' face='arial'>${OWN}<br>\n\n<br>\n<br>\n\n<div style="font-family:arial,helvetica;font-size:10pt;color:black">-----Original Message-----<br>\nFrom: Support &lt;support@contoso.com&gt;<br>\nTo: anna &lt;anna@aol.com&gt;<br>\nSent: Mon, Mar 2, 2020 10:01 am<br>\nSubject: Printer<br>\n\n<br>\n<div id="AOLMsgPart_0_4d68a632" style="margin: 0px;font-family: Tahoma, Verdana, Arial, Sans-Serif;font-size: 12px;color: #000;background-color: #fff;">\n<pre style="font-size: 9pt;"><tt>Is the printer broken?\n</tt></pre>\n</div>\n <!-- end of AOLMsgPart_0_4d68a632 -->\n</div>\n</font>`,
    own: OWN,
    text: `${OWN}\n\n\n\n-----Original Message-----\nFrom: Support <support@contoso.com>\nTo: anna <anna@aol.com>\nSent: Mon, Mar 2, 2020 10:01 am\nSubject: Printer\n\n\nIs the printer broken?\n`,
  },
  {
    client: 'Comcast (Zimbra header block)',
    html: `<html><head><style type='text/css'>p { margin: 0; }</style></head><body><div style='font-family: Arial; font-size: 12pt; color: #000000'>${OWN}<br><br><hr id="zwchr"><b>From: </b>support@contoso.com<br><b>To: </b>anna@comcast.net<br><b>Sent: </b>Monday, March 2, 2020 10:01:00 AM<br><b>Subject: </b>Printer<br><br>Is the printer broken?<br></div></body></html>`,
    own: OWN,
    text: `${OWN} \n\n----- Original Message -----\nFrom: support@contoso.com \nTo: anna@comcast.net \nSent: Monday, March 2, 2020 10:01:00 AM \nSubject: Printer \n\nIs the printer broken? \n`,
  },
  {
    client: 'Gmail attribution without a quote after it',
    html: `<div dir="ltr">${OWN}</div><br><div class="gmail_attr" dir="ltr">On Mon, Mar 2, 2020 at 10:01 AM Support &lt;<a href="mailto:support@contoso.com">support@contoso.com</a>&gt; wrote:<br></div><div dir="ltr">Is the printer broken?</div>`,
    own: OWN,
  },
  {
    client: 'mail.ru (mail-quote-collapse)',
    html: `<HTML><BODY><div>${OWN}</div><div>&nbsp;</div><div>Понедельник, 2 марта 2020, 10:01 +03:00 от Support &lt;<a href="mailto:support@contoso.com">support@contoso.com</a>&gt;:<br>&nbsp;<div class="mail-quote-collapse"><blockquote style="border-left:1px solid #0857A6; margin:10px; padding:0 0 0 10px;"><div id=""><div class="js-helper js-readmsg-msg"><div><div id="style_15831_BODY">Is the printer broken?</div></div></div></div></blockquote></div></div></BODY></HTML>`,
    own: OWN,
  },
  {
    client: 'Yandex',
    html: `<div>${OWN}</div><div>&nbsp;</div><div>02.03.2020, 10:01, "Support" &lt;<a href="mailto:support@contoso.com">support@contoso.com</a>&gt;:</div><blockquote><div>Is the printer broken?</div></blockquote>`,
    own: OWN,
  },
  {
    client: 'Proton Mail',
    html: `<div style="font-family: Arial, sans-serif; font-size: 14px;">${OWN}</div><div class="protonmail_signature_block"><div class="protonmail_signature_block-proton">Sent with <a href="https://proton.me/">Proton Mail</a> secure email.</div></div><br><div class="protonmail_quote">On Monday, March 2nd, 2020 at 10:01, Support &lt;support@contoso.com&gt; wrote:<br><blockquote class="protonmail_quote" type="cite"><div>Is the printer broken?</div></blockquote><br></div>`,
    own: OWN,
  },
];
