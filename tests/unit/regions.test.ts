import { checkCosmosRegions, regionName } from '../../lib/regions';

describe('checkCosmosRegions', () => {
  const account = 'https://helpdesk.documents.azure.com:443/';
  it('when every write region of a real account is in the EU, then start-up goes on', async () => {
    await expect(
      checkCosmosRegions(account, async () => ['West Europe', 'Sweden Central']),
    ).resolves.toEqual(['westeurope', 'swedencentral']);
  });
  it.each([[['West Europe', 'East US']], [['UK South']], [[]]])(
    'when the account writes in %j, then start-up is refused',
    async (regions) => {
      await expect(checkCosmosRegions(account, async () => regions)).rejects.toMatchObject({
        code: 'cosmos-region',
      });
    },
  );
  it('when the endpoint is the local Cosmos server, then regions are not read', async () => {
    const read = jest.fn(async () => ['East US']);
    await expect(checkCosmosRegions('https://localhost:8081', read)).resolves.toEqual([]);
    expect(read).not.toHaveBeenCalled();
  });
  it('when a display name is turned into a region name, then it matches the settings form', () => {
    expect(regionName('Germany West Central')).toBe('germanywestcentral');
  });
});
