import { cutReply } from '../../../lib/mail/reply';

const reply = 'Thanks, that fixed it.\nBest, Anna';

const attributions: Array<[string, string]> = [
  ['de', 'Am 02.03.2020 um 10:01 schrieb Support <support@contoso.com>:'],
  ['fr', 'Le lun. 2 mars 2020 à 10:01, Support <support@contoso.com> a écrit :'],
  ['es', 'El lun., 2 mar. 2020 a las 10:01, Support (<support@contoso.com>) escribió:'],
  ['nl', 'Op ma 2 mrt. 2020 om 10:01 schreef Support <support@contoso.com>:'],
  ['it', 'Il giorno lun 2 mar 2020 alle ore 10:01 Support <support@contoso.com> ha scritto:'],
  ['pt', 'Em seg., 2 de mar. de 2020 às 10:01, Support <support@contoso.com> escreveu:'],
  ['sv', 'Den mån 2 mars 2020 kl 10:01 skrev Support <support@contoso.com>:'],
  ['pl', 'W dniu 02.03.2020 o 10:01, Support <support@contoso.com> pisze napisał:'],
  ['ja', '2020年3月2日(月) 10:01 Support <support@contoso.com>:'],
  ['ru', 'пн, 2 мар. 2020 г. в 10:01, Support <support@contoso.com>:'],
];

describe('cutReply: localized attributions', () => {
  it.each(attributions)(
    'when the attribution is in %s, then the history is cut',
    (_lang, attribution) => {
      expect(cutReply([reply, '', attribution, '', '> old'].join('\n'))).toBe(reply);
    },
  );
});
