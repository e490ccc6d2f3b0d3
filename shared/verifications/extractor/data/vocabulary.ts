/**
 * Vocabulary around numbers that are not codes: currencies, units, link TLDs and uppercase words
 * that look like all-letter codes.
 */

/** Currency symbols: a number right next to one is an amount. */
export const CURRENCY_SYMBOLS: ReadonlySet<string> = new Set([...'$€£¥₹₽₩₺₫₴₪₱₦฿₸₼₾﷼¢৳₮₭₲₵₡៛']);

/** Currency codes and words written before an amount ("Rs. 5000", "INR 1500", "Rp 150.000"). */
export const CURRENCY_WORDS: readonly string[] = [
  'rs',
  'inr',
  'usd',
  'eur',
  'gbp',
  'rp',
  'rm',
  'aed',
  'sar',
  'tl',
  'chf',
  'brl',
  'mxn',
  'idr',
  'vnd',
  'thb',
  'rub',
  'руб',
  'uah',
  'грн',
  'pln',
  'zł',
  'kr',
  'sek',
  'nok',
  'dkk',
  'jpy',
  'cny',
  'rmb',
  'krw',
  'try',
  'egp',
  'qar',
  'kwd',
  'php',
  'ngn',
  'kes',
  'zar',
  'ريال',
  'تومان',
  'ریال',
  'kes',
  'ksh',
  'tzs',
  'ghs',
  'bdt',
  'pkr',
  'myr',
  'sgd',
  'hkd',
  'aud',
  'cad',
  'czk',
  'huf',
  'kzt',
];

/**
 * Words after a number that make it a quantity rather than a code: time spans ("1440 minutes"),
 * currencies ("1500 руб", "500.000 VND"), years ("2024 г."), sizes and loyalty points.
 */
export const UNIT_WORDS: readonly string[] = [
  ...['min', 'mins', 'minute', 'minutes', 'minuto', 'minutos', 'minuti', 'minuten', 'minut', 'minuty'],
  ...['dakika', 'dk', 'phút', 'menit', 'мин', 'минут', 'минуты', 'минута', 'хв', 'хвилин', 'хвилини'],
  ...['sec', 'secs', 'second', 'seconds', 'segundos', 'secondes', 'sekunden', 'h', 'hr', 'hrs', 'hour'],
  ...['hours', 'hora', 'horas', 'heure', 'heures', 'stunde', 'stunden', 'ora', 'ore', 'uur', 'saat', 'jam'],
  ...['час', 'часа', 'часов', 'day', 'days', 'dia', 'dias', 'día', 'días', 'jour', 'jours', 'tag', 'tage'],
  ...['tagen', 'giorno', 'giorni', 'dag', 'dagen', 'gün', 'hari', 'ngày', 'день', 'дня', 'дней', 'днів'],
  ...['year', 'years', 'ano', 'anos', 'año', 'años', 'jahr', 'jahre', 'anno', 'anni', 'jaar', 'yıl', 'rok'],
  ...['г', 'год', 'года', 'km', 'kg', 'gb', 'mb', 'tb', 'kb', 'mbps', 'pts', 'points', 'point', 'puntos'],
  ...['pontos', 'punkte', 'punti', 'puan', 'баллов', 'балла', 'miles', 'usd', 'eur', 'gbp', 'inr', 'rs'],
  ...['rub', 'руб', 'р', 'грн', 'uah', 'tl', 'try', 'zł', 'pln', 'vnd', 'đ', 'dong', 'idr', 'rp', 'thb'],
  ...['baht', 'บาท', 'aed', 'sar', 'sr', 'qar', 'kwd', 'egp', 'ريال', 'درهم', 'جنيه', 'دينار', 'تومان'],
  ...['ریال', 'ils', 'ש', 'שח', 'krw', 'jpy', 'cny', 'rmb', 'yuan', 'brl', 'mxn', 'ars', 'clp', 'cop'],
  ...['chf', 'sek', 'nok', 'dkk', 'kr', 'czk', 'kč', 'huf', 'ft', 'lei', 'ron', 'euro', 'euros', 'dollar'],
  ...['dollars', 'dólares', 'reais', 'rupees', 'rupiah', 'lira', 'นาที', 'ชั่วโมง', 'วัน', 'דקות', 'שעות'],
  ...['دقيقة', 'دقائق', 'دقیقه', 'ساعة', 'ساعت', 'मिनट', 'घंटे', 'रुपये', 'दिन'],
  ...['টাকা', 'মিনিট', 'λεπτά', 'λεπτό', 'ευρώ', 'minit', 'perc', 'minuter', 'giây', 'giay', 'sekund'],
  ...[
    'kes',
    'tzs',
    'ghs',
    'php',
    'myr',
    'sgd',
    'hkd',
    'twd',
    'aud',
    'cad',
    'nzd',
    'mad',
    'pkr',
    'bdt',
    'lkr',
  ],
  ...['npr', 'ngn', 'zar', 'czk', 'huf', 'bgn', 'rsd', 'kzt', 'uzs', 'azn', 'gel', 'amd', 'mnt'],
  ...['году', 'рублей', 'рубля', 'рубль', 'гривень', 'гривні', 'тыс', 'тис', 'zlotych', 'złotych', 'forint'],
  ...['som', 'sum', 'soum', 'manat', 'lari', 'dram', 'tenge', 'rial', 'riyal', 'dirham', 'shilingi'],
  ...['ksh', 'tsh', 'ugx', 'kwh', 'kw', 'm3', 'ml', 'naira', 'cedi', 'лв', 'ден', 'сом', 'тенге'],
];

/** Single CJK characters used as units right after a number ("5分钟", "2024年", "100元", "3회"). */
export const UNIT_CHARS: ReadonlySet<string> = new Set([
  ...'分秒元円年月日号號時点块個个次位件名人天周回',
  ...'원년월일분초시개명건번회',
]);

/**
 * Top-level domains recognised in bare links ("g.co/x123", "amzn.to/abc"). Matched
 * case-sensitively in lowercase only, so "482910.In" at a sentence break is not a link.
 */
export const TLDS: ReadonlySet<string> = new Set(
  (
    'com net org edu gov mil int info biz io co me ly gl gg app dev ai to tv cc us uk de fr es it nl pt ' +
    'br ru ua by kz cn hk tw jp kr in id vn th il ir tr pl cz sk at ch be dk se no fi ie au nz ca mx ar ' +
    'cl pe za ng eg sa ae qa my sg ph pk bd lk ms page link site online store shop xyz top club live ' +
    'news one pro cloud help support'
  ).split(' '),
);

/** Uppercase words that look like Steam's all-letter codes but are not codes. */
export const UPPERCASE_STOPWORDS: ReadonlySet<string> = new Set(
  'STEAM GUARD VALVE CODE LOGIN EMAIL PHONE NEVER SHARE ENTER ABOUT ALERT HELLO HTTPS NOTICE VERIFY'.split(
    ' ',
  ),
);

/** Street words after a number make it a house number ("1600 Main St", "12 Baker Street"). */
export const STREET_WORDS: ReadonlySet<string> = new Set(
  (
    'st street ave avenue rd road blvd boulevard lane ln dr drive way str strasse straße weg allee ' +
    'platz vej vei väg vägen gatan katu utca ulica ul caddesi cad sokak sok'
  ).split(' '),
);

/**
 * Words of account statements and bills: a balance or a bill due is news, not a code to type
 * ("Покупка 1 289р ... Баланс: 23 904.17р", "الرصيد المتاح", "Your bill of ..."). Matched at a
 * word start.
 */
export const STATEMENT_WORD_LIST: readonly string[] = [
  'balance',
  'avl bal',
  'saldo',
  'solde',
  'kontostand',
  'баланс',
  'остаток',
  'залишок',
  'الرصيد',
  'رصيدك',
  'موجودی',
  'יתרה',
  '余额',
  '餘額',
  '残高',
  '잔액',
  'bakiye',
  'số dư',
  'baki',
  'ยอดคงเหลือ',
  'शेष राशि',
  'बैलेंस',
  'বিল',
  'बिल',
  'bill',
  'බිල්පත',
  'rechnung',
  'facture',
  'factura',
  'fatura',
];

/**
 * Words written right after a number to say "numbered" (Turkic languages: "28391047 raqamli
 * buyurtmangiz" = your order No. 28391047, "1234 numaralı siparişiniz"): the number is an id.
 */
export const NUMBERED_AFTER_LIST: readonly string[] = [
  'raqamli',
  'numaralı',
  'nolu',
  'sonli',
  'нөмірлі',
  'nömrəli',
];

/**
 * Words of departures and stays (trains, flights, buses, hotels): with a clock time or a date they
 * make a travel notice, whose lone number is a train, flight, seat, ticket or booking number
 * ("Vlak EC 173 ... 14:46 ... vuz 265").
 * Matched at a word start.
 */
export const TRAVEL_WORD_LIST: readonly string[] = [
  'train',
  'flight',
  'departs',
  'departure',
  'platform',
  'seat',
  'coach',
  'carriage',
  'boarding',
  'gate',
  'voiture',
  'vol ',
  'quai',
  'zug',
  'gleis',
  'wagen',
  'flug',
  'treno',
  'carrozza',
  'posto',
  'binario',
  'volo',
  'tren',
  'vagón',
  'asiento',
  'andén',
  'vuelo',
  'vagão',
  'assento',
  'voo',
  'trein',
  'spoor',
  'vlak',
  'vůz',
  'vuz',
  'místo',
  'misto',
  'pociąg',
  'wagon',
  'miejsce',
  'vonat',
  'kocsi',
  'juna',
  'vaunu',
  'rong',
  'vagun',
  'kohad',
  'tåg',
  'поезд',
  'вагон',
  'рейс',
  'потяг',
  'kereta',
  'kursi',
  'penerbangan',
  'tàu',
  'chuyến bay',
  '列车',
  '车次',
  '航班',
  '列車',
  '便',
  '열차',
  '항공편',
  'รถไฟ',
  'เที่ยวบิน',
  'قطار',
  'رحلة',
  'רכבת',
  'טיסה',
  'ट्रेन',
  'उड़ान',
  'tren ',
  'sefer',
  'hotel',
  'check-in',
  'nights',
];
