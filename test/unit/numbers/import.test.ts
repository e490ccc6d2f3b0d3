import { parseInventoryCsv } from '../../../shared/numbers/import';

const header = 'phoneNumber,country,region,type,capabilities,monthlyPriceCents,setupPriceCents,providerId';

describe('parseInventoryCsv', () => {
  it('parses valid rows, quoted fields included', () => {
    const rows = parseInventoryCsv(
      [
        header,
        '+14155550123,US,CA,local,sms|mms|voice,115,0,phone-abc',
        '+447400123456,gb,"London, Zone 1",mobile,sms,375,100,',
        '',
      ].join('\r\n'),
    );

    expect(rows).toEqual([
      {
        phoneNumber: '+14155550123',
        country: 'US',
        region: 'CA',
        type: 'local',
        capabilities: ['sms', 'mms', 'voice'],
        monthlyPriceCents: 115,
        setupPriceCents: 0,
        providerId: 'phone-abc',
      },
      {
        phoneNumber: '+447400123456',
        country: 'GB',
        region: 'London, Zone 1',
        type: 'mobile',
        capabilities: ['sms'],
        monthlyPriceCents: 375,
        setupPriceCents: 100,
      },
    ]);
  });

  it('rejects the whole file, naming every bad line', () => {
    const text = [
      header,
      '+14155550123,US,CA,local,sms,115,0,',
      '+1415555012,US,CA,local,sms,115,0,',
      '+14155550124,US,CA,tollfree,sms,115,0,',
      '+14155550125,US,CA,local,fax,115,0,',
      '+14155550126,US,CA,local,sms,-1,0,',
      '+14155550123,US,CA,local,sms,115,0,',
    ].join('\n');

    expect(() => parseInventoryCsv(text)).toThrow(
      /line 3[\s\S]*line 4[\s\S]*line 5[\s\S]*line 6[\s\S]*line 7/,
    );
  });
});
