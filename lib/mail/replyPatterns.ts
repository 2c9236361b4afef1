/**
 * How mail clients mark where a reply's own text ends, in the languages helpdesk customers write
 * (the crisp and github reply-parser corpora, Outlook, Gmail, Apple Mail, Thunderbird). Kept apart
 * so the cutting rules in reply.ts stay readable.
 */

/** Verbs that end an attribution line: "On <date>, <name> wrote:" and its translations. */
const WROTE =
  'wrote|writes|schrieb|schreef|a écrit|escribió|ha escrito|ha scritto|escreveu|skrev|skriver|' +
  'napisał\\(a\\)|napisała|napisał|napsal\\(a\\)|napsal|kirjoitti|написал\\(а\\)|написала|написал|' +
  'пишет|írta|a scris|έγραψε|yazdı|がメールで送信しました|が書きました|写道|寫道|님이 작성';

/** An attribution line ending in one of the verbs (colon optional: some clients drop it). */
export const ATTRIBUTION = new RegExp(`(?:${WROTE})\\s*:?\\s*$`, 'i');

/** An attribution line without a verb ("30.09.2017, 18.30, "X" <x@y.z>:") has an address. */
export const HAS_ADDRESS = /[^\s<>()"]+@[^\s<>()"]+\.[^\s<>()":]+/;
/** ...and a date or a time. */
export const HAS_DATE_OR_TIME =
  /\d{1,2}[:.h]\d{2}|\d{4}-\d{2}-\d{2}|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b/;

/** "-----Original Message-----" and translations, with any run of dashes around. */
export const ORIGINAL_MESSAGE = new RegExp(
  '^\\s*[-_=*]{2,}\\s*(?:' +
    [
      'original message',
      'ursprüngliche nachricht',
      'originalnachricht',
      'oprindelig besked',
      'opprinnelig melding',
      'originalmeddelande',
      "message d'origine",
      'message original',
      'mensaje original',
      'messaggio originale',
      'oorspronkelijk bericht',
      'oorspronkelijke bericht',
      'mensagem original',
      'wiadomość oryginalna',
      'původní zpráva',
      'alkuperäinen viesti',
      'исходное сообщение',
      '原始邮件',
      '元のメッセージ',
      'reply message',
      'antwort nachricht',
      'oprindelig meddelelse',
    ].join('|') +
    ')\\s*[-_=*]*\\s*$',
  'i',
);

/** Keys of a quoted header block (Outlook and others), grouped; "From" must be one of them. */
const KEYS: Record<string, string> = {
  from: 'from|de|von|van|da|fra|från|od|lähettäjä|от|feladó|από|kimden|发件人|寄件者|差出人|보낸 사람',
  date:
    'sent|date|datum|dato|data|gesendet|envoyé(?: le)?|verzonden|inviato|enviad[oa](?: el| em)?|sendt|' +
    'skickat|wysłano|wysłane|lähetetty|päivämäärä|отправлено|дата|elküldve|message du|' +
    '发送时间|送信日時|日付',
  to: 'to|à|a|an|aan|para|til|till|do|vastaanottaja|кому|címzett|收件人|宛先',
  subject:
    'subject|objet|betreff|onderwerp|oggetto|asunto|assunto|emne|ämne|temat|aihe|předmět|тема|' +
    'tárgy|主题|件名',
  cc: 'cc|copie à|kopie|kopia',
};
const KEY_LINES = Object.entries(KEYS).map(
  ([group, words]) => [group, new RegExp(`^\\s*\\*?(?:${words})\\s*\\*?\\s*[:：]`, 'i')] as const,
);

// Windows Mail writes invisible left-to-right marks around its localized keys ("\u200eОт:").
const INVISIBLE = /[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

const KEY_AREA = 256;

/** The line without invisible direction marks, which would hide a key or attribution. */
export function visible(line: string): string {
  return line.replace(INVISIBLE, '');
}

/** The key group of a header-like line ("From: x", "*De :* x", "Envoyé le :x"), if any. */
export function headerKey(line: string): string | undefined {
  // A key is at the start of its line: a long line is read no further than that.
  const text = visible(line.length > KEY_AREA ? line.slice(0, KEY_AREA) : line);
  return KEY_LINES.find(([, re]) => re.test(text))?.[0];
}

/**
 * The first line of a forwarded message: what a customer forwards is content, not history
 * (Gmail, Thunderbird, Apple Mail, Outlook.com, Yandex in their languages).
 */
export const FORWARDED = new RegExp(
  '^\\s*(?:[-_=*]{2,}\\s*(?:' +
    [
      'forwarded message',
      'weitergeleitete nachricht',
      'message transféré',
      'mensaje reenviado',
      'messaggio inoltrato',
      'doorgestuurd bericht',
      'mensagem encaminhada',
      'vidarebefordrat meddelande',
      'videresendt meddelelse',
      'пересылаемое сообщение',
      '転送されたメッセージ',
    ].join('|') +
    ')\\s*[-_=*]{2,}|(?:begin forwarded message|anfang der weitergeleiteten nachricht|' +
    'début du message réexpédié)\\s*:)',
  'i',
);

/** "Sent from my iPhone" and the like: the mobile client's signature line. */
export const SENT_FROM = new RegExp(
  '^\\s*(?:' +
    [
      'sent from (?:my|mail|yahoo|outlook)',
      'sent with',
      'get outlook for',
      'envoyé (?:de|depuis) mon',
      'envoyé à partir de',
      'obtenir outlook pour',
      'von meinem',
      'gesendet (?:von|mit)',
      'enviado (?:desde|do|de) mi',
      'enviado do meu',
      'inviato da',
      'verzonden (?:vanaf|met) mijn',
      'verstuurd vanaf mijn',
      'wysłane z',
      'skickat från',
      'sendt fra min',
      'lähetetty',
      'отправлено с',
    ].join('|') +
    ')',
  'i',
);

/** The signature separator "-- " (RFC 3676 §4.3), also without its space as many clients send. */
export const SIGNATURE = /^--\s*$/;

/** A line of only separator characters, e.g. Outlook's "________________________________". */
export const SEPARATOR = /^\s*[-_=*~#]{3,}\s*$/;
