import { checkInstallationSite } from '../../../lib/licensing/site';

describe('checkInstallationSite', () => {
  it.each([
    [
      'https://contoso.sharepoint.com/sites/helpdesk/SitePages/Home.aspx?x=1',
      'https://contoso.sharepoint.com/sites/helpdesk',
    ],
    [
      'https://Contoso.SharePoint.com/Sites/HelpDesk',
      'https://contoso.sharepoint.com/sites/helpdesk',
    ],
    [
      'https://contoso.sharepoint.com/teams/it-support/',
      'https://contoso.sharepoint.com/teams/it-support',
    ],
    ['https://contoso.sharepoint.com/SitePages/Home.aspx', 'https://contoso.sharepoint.com'],
    ['https://contoso.sharepoint.com', 'https://contoso.sharepoint.com'],
    [
      'https://contoso.sharepoint.com/sites/B%C3%BCro_2.0',
      'https://contoso.sharepoint.com/sites/b%C3%BCro_2.0',
    ],
  ])('when the installation reports %s, then the site %s is kept', (input, site) => {
    expect(checkInstallationSite(input)).toEqual({
      ok: true,
      domain: 'contoso.sharepoint.com',
      site,
    });
  });

  it.each([
    ['a look-alike host', 'https://contoso.sharepoint.com.evil.example/sites/x'],
    ['a look-alike with a dash', 'https://contoso-sharepoint.com/sites/x'],
    ['a nested subdomain', 'https://a.contoso.sharepoint.com/sites/x'],
    ['plain http', 'http://contoso.sharepoint.com/sites/x'],
    ['credentials in the URL', 'https://user:pw@contoso.sharepoint.com/sites/x'],
    ['an explicit port', 'https://contoso.sharepoint.com:8443/sites/x'],
    ['junk', 'not a url'],
    ['an empty value', ''],
    ['a number', 42],
    ['a huge value', `https://contoso.sharepoint.com/${'a'.repeat(3000)}`],
    [
      'a made-up site name too long for SharePoint',
      `https://c.sharepoint.com/sites/${'a'.repeat(200)}`,
    ],
    ['a site name with markup', 'https://contoso.sharepoint.com/sites/%3Cscript%3E'],
    ['a site name that does not decode', 'https://contoso.sharepoint.com/sites/%E0%A4%A'],
  ])('when given %s, then it is refused with a short error', (_desc, input) => {
    const result = checkInstallationSite(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.length).toBeLessThan(60);
  });
});
