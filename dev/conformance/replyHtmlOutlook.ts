/**
 * Outlook replies for the reply-html figure, written after Outlook's real markup: Word's
 * MsoNormal paragraphs, a centred rule (2003) or none (2010), then a header paragraph whose keys
 * are bold. Names and addresses are made up.
 */
import type { ReplyHtmlCase } from './replyHtmlCases';

/** The new text of every English reply, and the line each one quotes. */
export const OWN = 'Thanks, the printer works again.';
export const QUOTED = 'Is the printer broken?';

const span = (s: string): string =>
  `<span lang=EN-US style='font-size:10.0pt;font-family:Tahoma'>${s}</span>`;

/** An Outlook 2003-2010 reply: own paragraph, a centred rule, then a header paragraph. */
function outlookWord(keys: [string, string][]): string {
  const header = keys.map(([k, v]) => `<b>${span(`${k}:`)}</b>${span(` ${v}`)}`).join('<br>\n');
  return (
    `<html><body lang=EN-US><div class=Section1><p class=MsoNormal><font size=2 color=navy face=Arial>${span(OWN)}<o:p></o:p></font></p>\n` +
    `<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n<div>\n<div class=MsoNormal align=center style='text-align:center'><font size=3><span style='font-size:12.0pt'>\n` +
    `<hr size=3 width="100%" align=center tabindex=-1>\n</span></font></div>\n<p class=MsoNormal>${header}<o:p></o:p></p>\n</div>\n` +
    `<p class=MsoNormal><o:p>&nbsp;</o:p></p><div><p class=MsoNormal>${QUOTED}</p></div></div></body></html>`
  );
}

/** A header block in the client's language: the Sent key marks it as history. */
function worded(client: string, keys: [string, string][]): ReplyHtmlCase {
  const sent = keys[1]?.[0] ?? '';
  return { client, html: outlookWord(keys), own: OWN, history: [`${sent}:`, QUOTED] };
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

export const outlookReplies: ReplyHtmlCase[] = [
  worded('Outlook 2003 ([mailto:])', [
    ['From', 'Support Desk [mailto:support@contoso.com]'],
    ['Sent', 'Monday, March 02, 2020 10:01 AM'],
    ['To', 'Anna'],
    ['Subject', 'Printer'],
  ]),
  {
    client: 'Outlook 2010 (On Behalf Of)',
    html: `<div class="WordSection1"><p class="MsoNormal"><span style="color:#1F497D">${OWN}<o:p></o:p></span></p><p class="MsoNormal"><span style="color:#1F497D"><o:p>&nbsp;</o:p></span></p><p class="MsoNormal"><b><span style="font-size:10.0pt;font-family:&quot;Tahoma&quot;">From:</span></b><span style="font-size:10.0pt;font-family:&quot;Tahoma&quot;"> Support [mailto:support@contoso.com]\n<b>On Behalf Of </b>desk@contoso.com<br>\n<b>Sent:</b> Monday, March 02, 2020 10:01 AM<br>\n<b>To:</b> anna@example.com<br>\n<b>Subject:</b> Printer<o:p></o:p></span></p><p class="MsoNormal"><o:p>&nbsp;</o:p></p><p>${QUOTED}<o:p></o:p></p></div>`,
    own: OWN,
    text: `${OWN}\n\nFrom: Support [mailto:support@contoso.com] On Behalf Of desk@contoso.com\nSent: Monday, March 02, 2020 10:01 AM\nTo: anna@example.com\nSubject: Printer\n\n${QUOTED}\n`,
    history: ['On Behalf Of', 'Sent:', QUOTED],
  },
  ...localized.map(([client, keys]) => worded(client, keys)),
];
