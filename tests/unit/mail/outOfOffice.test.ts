import { classify } from '../../../lib/mail/classify';
import { parsed } from './fixtures';

const ctx = { ownAddresses: ['support@contoso.com'] };

const ooo: Array<[string, string]> = [
  ['en', 'Out of Office: Printer broken'],
  ['en', 'Automatic reply: Printer broken'],
  ['en', 'Auto-Reply: Printer broken'],
  ['en', 'Autoreply: Printer broken'],
  ['de', 'Abwesenheitsnotiz: Drucker kaputt'],
  ['de', 'Automatische Antwort: Drucker kaputt'],
  ['fr', 'Réponse automatique : Imprimante'],
  ['fr', 'Absence du bureau'],
  ['es', 'Respuesta automática: Impresora'],
  ['es', 'Fuera de la oficina'],
  ['nl', 'Automatisch antwoord: Printer'],
  ['nl', 'Afwezigheidsbericht'],
  ['it', 'Risposta automatica: Stampante'],
  ['it', 'Fuori sede'],
  ['pt', 'Resposta automática: Impressora'],
  ['sv', 'Automatiskt svar: Skrivare'],
  ['pl', 'Automatyczna odpowiedź: Drukarka'],
  ['ja', '自動応答: プリンター'],
  ['zh', '自动回复: 打印机'],
];

describe('classify: out-of-office subjects', () => {
  it.each(ooo)(
    'when the subject is an out-of-office subject (%s: %s), then it is an auto-reply',
    (_lang, subject) => {
      expect(classify(parsed({ subject }), ctx)).toEqual({
        kind: 'auto-reply',
        reason: 'ooo-subject',
      });
    },
  );

  it.each([
    'Re: Out of office policy question',
    'Fwd: Automatic reply settings',
    'Our office is out of paper',
  ])('when a person writes about out-of-office ("%s"), then it is normal', (subject) => {
    expect(classify(parsed({ subject }), ctx).kind).toBe('normal');
  });
});
