import {
  encodeQueryValue,
  fieldEquals,
  odataString,
  sitePathFromUrl,
} from '../../../lib/sharepoint/odata';

describe('OData string literals', () => {
  it.each([
    ['plain', "'plain'"],
    ["O'Brien", "'O''Brien'"],
    ["''", "''''''"],
    ["a' or fields/Email ne '", "'a'' or fields/Email ne '''"],
  ])('when the value is %j, then the literal doubles quotes: %s', (value, literal) => {
    expect(odataString(value)).toBe(literal);
  });

  it('when a filter is built, then the column is checked and the value quoted', () => {
    expect(fieldEquals('MailKey', "k'1")).toBe("fields/MailKey eq 'k''1'");
    expect(() => fieldEquals("MailKey eq 'x' or Title", 'v')).toThrow('not a column name');
  });
});

describe('query value encoding', () => {
  it('when an address carries + & # % or spaces, then they cannot change the query', () => {
    const encoded = encodeQueryValue("fields/Email eq 'a+b&c#d%e f@x.com'");
    expect(encoded).toBe("fields/Email%20eq%20'a%2Bb%26c%23d%25e%20f@x.com'");
    expect(new URLSearchParams(`$filter=${encoded}`).get('$filter')).toBe(
      "fields/Email eq 'a+b&c#d%e f@x.com'",
    );
  });

  it('when the value is an $expand, then it stays readable', () => {
    expect(encodeQueryValue('fields($select=Title,Email)')).toBe('fields($select=Title,Email)');
  });
});

describe('site path from URL', () => {
  it.each([
    [
      'https://contoso.sharepoint.com/sites/helpdesk',
      '/sites/contoso.sharepoint.com:/sites/helpdesk',
    ],
    [
      'https://Contoso.SharePoint.com/sites/helpdesk/',
      '/sites/contoso.sharepoint.com:/sites/helpdesk',
    ],
    [
      'https://contoso.sharepoint.com/sites/help%20desk',
      '/sites/contoso.sharepoint.com:/sites/help%20desk',
    ],
    ['https://contoso.sharepoint.com/sites/a#b', '/sites/contoso.sharepoint.com:/sites/a'],
    ['https://contoso.sharepoint.com', '/sites/contoso.sharepoint.com'],
  ])('when the site is %s, then Graph gets %s', (url, path) => {
    expect(sitePathFromUrl(url)).toBe(path);
  });

  it('when the URL is not https, then it is refused', () => {
    expect(() => sitePathFromUrl('http://contoso.sharepoint.com/sites/x')).toThrow('https');
    expect(() => sitePathFromUrl('not a url')).toThrow('not a URL');
  });
});
