/**
 * Data of the verification-code extractor: keyword tables per language, "is" words, currency
 * and unit vocabularies, bracket pairs, TLDs and optional per-service code shapes. Pure data, no
 * logic: ../extractor.ts folds every phrase exactly like message text when it loads, so entries are
 * written the way they appear in SMS (accents and case included).
 */
// ---------------------------------------------------------------------------------------------
// Keyword tables
// ---------------------------------------------------------------------------------------------

/** What a keyword hit says about numbers near it ('modifier' only neutralises a following "code"). */
export type HitKind = 'code' | 'decoy' | 'promo' | 'modifier';

/**
 * `[phrase, weight, flags]`: `b` = must start a word, `e` = must end a word. Latin/Cyrillic
 * words get `b` to avoid matching inside unrelated words, but usually no `e`, because inflected
 * and compound forms are common ("kodunuz", "Bestätigungscode", "кодом"). CJK, Thai, Arabic and
 * Hebrew have no reliable word boundaries (or attach prefixes such as ال / ה), so no flags.
 */
export type KeywordSpec = readonly [phrase: string, weight: number, flags?: string];

/**
 * Words that announce a verification code. Weight 1 for unambiguous words ("code", "OTP",
 * 验证码), lower for words that merely suggest one ("verify", "login", "use ... to").
 */
export const CODE_KEYWORDS: readonly KeywordSpec[] = [
  // English and shared Latin-script words
  ['code', 1],
  ['otp', 1, 'b'],
  ['pin', 0.9, 'be'],
  ['passcode', 1, 'b'],
  ['pass code', 1, 'b'],
  ['password', 0.7, 'b'],
  ['one-time', 0.8, 'b'],
  ['one time', 0.8, 'b'],
  ['verification', 1, 'b'],
  ['verifi', 0.8, 'b'], // verify, verificación, verificação, verifica, Verifizierung, verifikasi
  ['2fa', 1, 'b'],
  ['mfa', 0.8, 'be'],
  ['tan', 1, 'be'], // German banking "TAN"
  ['mtan', 1, 'be'],
  ['pushtan', 1, 'be'],
  ['authenticat', 0.8, 'b'],
  ['authentif', 0.8, 'b'],
  ['autentica', 0.8, 'b'],
  ['autoryz', 0.7, 'b'],
  ['login', 0.6, 'b'],
  ['log in', 0.6, 'b'],
  ['sign in', 0.6, 'b'],
  ['sign-in', 0.6, 'b'],
  ['signin', 0.6, 'b'],
  ['confirm', 0.6, 'b'],
  ['token', 0.7, 'b'],
  ['security', 0.5, 'b'],
  ['use', 0.5, 'be'],
  ['enter', 0.5, 'be'],
  // Spanish, Portuguese, Catalan, Italian, French, German, Dutch
  ['código', 1, 'b'],
  ['codi', 1, 'be'],
  ['codice', 1, 'b'],
  ['cod', 1, 'be'],
  ['clave', 0.9, 'b'],
  ['senha', 0.9, 'b'],
  ['contraseña', 0.7, 'b'],
  ['acceso', 0.5, 'b'],
  ['acesso', 0.5, 'b'],
  ['usa', 0.4, 'be'],
  ['introduce', 0.5, 'b'],
  ['ingresa', 0.5, 'b'],
  ['digite', 0.5, 'b'],
  ['insira', 0.5, 'b'],
  ['mot de passe', 0.7, 'b'],
  ['validation', 0.7, 'b'],
  ['utilise', 0.5, 'b'],
  ['saisi', 0.5, 'b'],
  ['bestätig', 0.8, 'b'],
  ['passwort', 0.7, 'b'],
  ['kennwort', 0.7, 'b'],
  ['eingeben', 0.5, 'b'],
  ['inserisci', 0.5, 'b'],
  ['wachtwoord', 0.7, 'b'],
  ['voer', 0.5, 'be'],
  // Turkish, Polish, Indonesian, Vietnamese
  ['kod', 1, 'b'], // kod, kodu, kodunuz, kodem, kode
  ['doğrulama', 0.9, 'b'],
  ['şifre', 0.9, 'b'],
  ['girin', 0.5, 'b'],
  ['hasło', 0.8, 'b'],
  ['weryfik', 0.8, 'b'],
  ['wpisz', 0.5, 'b'],
  ['sandi', 0.7, 'b'],
  ['masukkan', 0.5, 'b'],
  ['mã xác', 1, 'b'],
  ['xác thực', 0.9, 'b'],
  ['xác minh', 0.9, 'b'],
  ['nhập', 0.5, 'b'],
  // Russian, Ukrainian
  ['код', 1, 'b'],
  ['пароль', 0.8, 'b'],
  ['подтвержд', 0.8, 'b'],
  ['підтвердж', 0.8, 'b'],
  ['потвържд', 0.8, 'b'],
  ['потврд', 0.8, 'b'],
  ['верификац', 0.8, 'b'],
  ['одноразов', 0.8, 'b'],
  ['введите', 0.5, 'b'],
  ['вход', 0.6, 'b'],
  // Chinese (simplified and traditional)
  ['验证码', 1],
  ['驗證碼', 1],
  ['校验码', 1],
  ['校驗碼', 1],
  ['动态码', 1],
  ['動態碼', 1],
  ['确认码', 1],
  ['確認碼', 1],
  ['认证码', 1],
  ['認證碼', 1],
  ['安全码', 1],
  ['安全碼', 1],
  ['激活码', 0.9],
  ['口令', 0.8],
  ['密码', 0.8],
  ['密碼', 0.8],
  ['验证', 0.8],
  ['驗證', 0.8],
  ['认证', 0.7],
  // Japanese
  ['認証', 0.9],
  ['確認コード', 1],
  ['認証番号', 1],
  ['確認番号', 1],
  ['暗証番号', 0.9],
  ['ワンタイム', 0.9],
  ['パスコード', 1],
  ['パスワード', 0.8],
  ['コード', 1],
  // Korean
  ['인증', 1],
  ['코드', 1],
  ['확인', 0.6],
  ['비밀번호', 0.8],
  ['승인', 0.7],
  ['입력', 0.5],
  // Arabic, Persian
  ['رمز', 1],
  ['كود', 1],
  ['کد', 1, 'b'], // Persian keheh; 'b' because کد also occurs inside words (یکدیگر)
  ['التحقق', 0.8],
  ['تحقق', 0.8],
  ['تایید', 0.8],
  ['تأیید', 0.8],
  ['كلمة المرور', 0.8],
  ['أدخل', 0.5],
  // Hebrew
  ['קוד', 1],
  ['אימות', 0.8],
  ['סיסמה', 0.8],
  // Hindi (Devanagari)
  ['कोड', 1],
  ['ओटीपी', 1],
  ['सत्यापन', 0.8],
  ['पासवर्ड', 0.8],
  // Thai
  ['รหัส', 1],
  ['ยืนยัน', 0.8],
  // Nordic, Finnish, Romanian, Malay, Zulu (compounds: "verifieringskod", "engangskode")
  ['kode', 1, 'b'],
  ['skod', 0.8],
  ['koodi', 1],
  ['codul', 1, 'b'],
  ['tac', 1, 'be'],
  ['ikhodi', 1, 'b'],
  // Greek
  ['κωδικ', 1, 'b'],
  ['επαλήθευσ', 0.8, 'b'],
  ['επιβεβαίωσ', 0.6, 'b'],
  // Swahili
  ['msimbo', 1, 'b'],
  ['nambari ya siri', 1, 'b'],
  ['namba ya siri', 1, 'b'],
  ['uthibitisho', 0.8, 'b'],
  ['kuthibitisha', 0.6, 'b'],
  ['nenosiri', 0.9, 'b'],
  // Vietnamese written without accents as often as with them
  ['mã', 0.8, 'be'],
  ['xac nhan', 0.6, 'b'],
  // Bengali, Urdu, other Indic scripts
  ['কোড', 1],
  ['ওটিপি', 1],
  ['পিন', 0.9],
  ['যাচাই', 0.8],
  ['ভেরিফিকেশন', 0.9],
  ['کوڈ', 1],
  ['تصدیق', 0.8],
  ['குறியீடு', 1],
  ['கடவுச்சொல்', 0.8],
  ['కోడ్', 1],
  ['ಕೋಡ್', 1],
  ['ಪರಿಶೀಲನ', 0.8],
  ['કોડ', 1],
  ['ਕੋਡ', 1],
  ['කේත', 1],
  ['കോഡ്', 1],
  // Khmer, Burmese, Georgian, Armenian, Amharic
  ['លេខកូដ', 1],
  ['ကုဒ်', 1],
  ['კოდ', 1],
  ['կոդ', 1],
  ['ኮድ', 1],
];

/**
 * Words that label a *different* number: orders, references, cards/accounts, phone numbers,
 * amounts, deadlines. A candidate right after one of these (with no other number in between and
 * no closer code keyword) is almost never the code. Weight 0.5 marks "soft" decoys (cards and
 * accounts): they also occur inside the code phrase itself ("code for your account: 703152"), so a
 * code keyword earlier in the same clause overrides them; hard decoys (order, ref, phone) never
 * are overridden ("code for order 123456 is 4821").
 */
export const DECOY_KEYWORDS: readonly KeywordSpec[] = [
  // orders, bookings, shipments
  ['order', 1, 'b'],
  ['transaction', 1, 'b'],
  ['txn', 1, 'be'],
  ['trx', 1, 'be'],
  ['ord', 1, 'be'],
  ['ref', 1, 'b'], // ref, reference, referencia, référence, Referenz
  ['rif', 1, 'be'],
  ['invoice', 1, 'b'],
  ['booking', 1, 'b'],
  ['reservation', 1, 'b'],
  ['reserva', 1, 'b'],
  ['ticket', 1, 'b'],
  ['track', 1, 'b'],
  ['shipment', 1, 'b'],
  ['parcel', 1, 'b'],
  ['package', 1, 'b'],
  ['nummer', 1], // Sendungsnummer, Bestellnummer, Kundennummer
  ['paket', 1, 'b'],
  ['pedido', 1, 'b'],
  ['encomenda', 1, 'b'],
  ['commande', 1, 'b'],
  ['bestell', 1, 'b'],
  ['ordine', 1, 'b'],
  ['sipariş', 1, 'b'],
  ['zamówien', 1, 'b'],
  ['заказ', 1, 'b'],
  ['посылк', 1, 'b'],
  ['订单', 1],
  ['訂單', 1],
  ['注文', 1],
  ['주문', 1],
  ['طلب', 1],
  ['ऑर्डर', 1],
  ['pesanan', 1, 'b'],
  ['đơn hàng', 1, 'b'],
  ['הזמנה', 1],
  ['سفارش', 1],
  ['คำสั่งซื้อ', 1],
  ['παραγγελ', 1, 'b'],
  ['κράτησ', 1, 'b'],
  ['অর্ডার', 1],
  ['oda', 1, 'be'],
  ['objednáv', 1, 'b'],
  ['rendel', 1, 'b'],
  ['comanda', 1, 'b'],
  ['bestilling', 1, 'b'],
  ['tilaus', 1, 'b'],
  ['užsakym', 1, 'b'],
  ['zásiel', 1, 'b'],
  ['zásilk', 1, 'b'],
  ['pošiljk', 1, 'b'],
  ['przesył', 1, 'b'],
  ['summa', 1, 'b'],
  ['suma', 1, 'be'],
  ['pasūtījum', 1, 'b'],
  ['tellimus', 1, 'b'],
  ['pakk', 1, 'b'],
  ['paki', 1, 'b'],
  ['siunt', 1, 'b'],
  ['sūtījum', 1, 'b'],
  ['number', 1, 'b'],
  ['número', 1, 'b'],
  ['numéro', 1, 'b'],
  ['номер', 1, 'b'],
  ['no.', 1, 'b'],
  ['nº', 1, 'b'],
  ['n°', 1, 'b'],
  ['№', 1],
  ['nr', 1, 'be'],
  // cards and accounts (and their "ending in 1234" suffixes)
  ['ending', 1, 'b'],
  ['ends with', 1, 'b'],
  ['last 4', 1, 'b'],
  ['last four', 1, 'b'],
  ['terminada', 1, 'b'],
  ['terminando', 1, 'b'],
  ['finissant', 1, 'b'],
  ['endend', 1, 'b'],
  ['termina', 1, 'b'],
  ['eindigend', 1, 'b'],
  ['biten', 1, 'b'],
  ['kończąc', 1, 'b'],
  ['последн', 1, 'b'],
  ['оканчива', 1, 'b'],
  ['尾号', 1],
  ['尾號', 1],
  ['末尾', 1],
  ['끝자리', 1],
  ['card', 0.5, 'b'],
  ['karte', 0.5, 'b'],
  ['tarjeta', 0.5, 'b'],
  ['cartão', 0.5, 'b'],
  ['carte', 0.5, 'b'],
  ['carta', 0.5, 'b'],
  ['kaart', 0.5, 'b'],
  ['kart', 0.5, 'b'],
  ['карт', 0.5, 'b'],
  ['卡号', 0.5],
  ['카드', 0.5],
  ['بطاقة', 0.5],
  ['कार्ड', 0.5],
  ['บัตร', 0.5],
  ['כרטיס', 0.5],
  ['کارت', 0.5],
  ['account', 0.5, 'b'],
  ['acct', 0.5, 'b'],
  ['a/c', 0.5, 'b'],
  ['konto', 0.5, 'b'],
  ['cuenta', 0.5, 'b'],
  ['conta', 0.5, 'b'],
  ['compte', 0.5, 'b'],
  ['счет', 0.5, 'b'],
  ['рахун', 0.5, 'b'],
  ['账户', 0.5],
  ['帳戶', 0.5],
  ['账号', 0.5],
  ['口座', 0.5],
  ['계좌', 0.5],
  ['حساب', 0.5],
  ['खाता', 0.5],
  ['rekening', 0.5, 'b'],
  ['hesap', 0.5, 'b'],
  // phone numbers, short codes
  ['call', 1, 'b'],
  ['tel', 1, 'be'],
  ['phone', 1, 'b'],
  ['hotline', 1, 'b'],
  ['helpline', 1, 'b'],
  ['contact', 1, 'b'],
  ['llam', 1, 'b'],
  ['ligue', 1, 'b'],
  ['ligar', 1, 'b'],
  ['appel', 1, 'b'],
  ['anruf', 1, 'b'],
  ['chiam', 1, 'b'],
  ['zadzwoń', 1, 'b'],
  ['звон', 1, 'b'],
  ['позвон', 1, 'b'],
  ['телефон', 1, 'b'],
  ['тел', 1, 'be'],
  ['电话', 1],
  ['電話', 1],
  ['客服', 1],
  ['热线', 1],
  ['전화', 1],
  ['고객센터', 1],
  ['문의', 1],
  ['اتصل', 1],
  ['هاتف', 1],
  ['कॉल', 1],
  ['फोन', 1],
  ['hubungi', 1, 'b'],
  ['התקשר', 1],
  ['تماس', 1],
  ['โทร', 1],
  ['reply', 1, 'b'],
  ['stop', 1, 'be'],
  // money
  ['amount', 1, 'b'],
  ['total', 1, 'b'],
  ['balance', 1, 'b'],
  ['price', 1, 'b'],
  ['cost', 1, 'b'],
  ['paid', 1, 'be'],
  ['сумм', 1, 'b'],
  ['сума', 1, 'b'],
  ['montant', 1, 'b'],
  ['betrag', 1, 'b'],
  ['importe', 1, 'b'],
  ['valor', 1, 'b'],
  ['importo', 1, 'b'],
  ['bedrag', 1, 'b'],
  ['tutar', 1, 'b'],
  ['kwota', 1, 'b'],
  ['金额', 1],
  ['金額', 1],
  ['금액', 1],
  ['مبلغ', 1],
  ['राशि', 1],
  ['จำนวน', 1],
  ['số tiền', 1, 'b'],
  ['jumlah', 1, 'b'],
  ['סכום', 1],
  ['saldo', 1, 'b'],
  ['solde', 1, 'b'],
  ['kontostand', 1, 'b'],
  ['баланс', 1, 'b'],
  // places, people, deadlines
  ['room', 1, 'b'],
  ['seat', 1, 'b'],
  ['gate', 1, 'b'],
  ['flight', 1, 'b'],
  ['store', 1, 'b'],
  ['branch', 1, 'b'],
  ['ext', 1, 'be'],
  ['customer', 1, 'b'],
  ['member', 1, 'b'],
  ['policy', 1, 'b'],
  ['claim', 1, 'b'],
  ['until', 1, 'b'],
  ['hasta', 1, 'b'],
  ['jusqu', 1, 'b'],
  ['bis', 1, 'be'],
  ['fino', 1, 'be'],
  ['©', 1],
  ['copyright', 1, 'b'],
];

/**
 * Marketing vocabulary. A "promo code SAVE20" is a code but not a verification code, so these
 * penalise candidates in the same sentence and disable a "code" keyword they directly precede.
 */
export const PROMO_KEYWORDS: readonly KeywordSpec[] = [
  ['promo', 1, 'b'],
  ['coupon', 1, 'b'],
  ['voucher', 1, 'b'],
  ['discount', 1, 'b'],
  ['% off', 1],
  ['referral', 1, 'b'],
  ['gift', 1, 'b'],
  ['invite', 1, 'b'],
  ['cupom', 1, 'b'],
  ['cupón', 1, 'b'],
  ['descuento', 1, 'b'],
  ['desconto', 1, 'b'],
  ['rabatt', 1, 'b'],
  ['gutschein', 1, 'b'],
  ['sconto', 1, 'b'],
  ['réduction', 1, 'b'],
  ['remise', 1, 'b'],
  ['korting', 1, 'b'],
  ['indirim', 1, 'b'],
  ['kupon', 1, 'b'],
  ['rabat', 1, 'b'],
  ['diskon', 1, 'b'],
  ['скидк', 1, 'b'],
  ['промо', 1, 'b'],
  ['купон', 1, 'b'],
  ['优惠', 1],
  ['折扣', 1],
  ['割引', 1],
  ['クーポン', 1],
  ['할인', 1],
  ['쿠폰', 1],
  ['خصم', 1],
  ['कूपन', 1],
  ['ส่วนลด', 1],
  ['הנחה', 1],
  ['تخفیف', 1],
];

/**
 * Words that only change the meaning of a directly following "code" ("zip code", "area code",
 * "QR code"). Unlike marketing words they say nothing about other numbers in the sentence
 * ("Restricted area. Your access code: 4821" is still a code).
 */
export const MODIFIER_KEYWORDS: readonly KeywordSpec[] = [
  ['zip', 1, 'be'],
  ['postal', 1, 'b'],
  ['post', 1, 'be'],
  ['area', 1, 'be'],
  ['country', 1, 'be'],
  ['dialling', 1, 'b'],
  ['dialing', 1, 'b'],
  ['qr', 1, 'be'],
  ['bar', 1, 'be'],
  ['swift', 1, 'be'],
  ['sort', 1, 'be'],
  ['tracking', 1, 'b'],
];

/** Words meaning "is" that typically sit between a keyword and the code ("... code is 1234"). */
export const IS_WORDS: readonly string[] = [
  'is',
  'es',
  'é',
  'è',
  'est',
  'ist',
  'lautet',
  'to',
  'jest',
  'là',
  'adalah',
  'ialah',
  'este',
  'are',
  'was',
  'ni',
  'είναι',
  'är',
  'er',
  'je',
  'ay',
  'ngu',
  'е',
  'је',
  'ce',
  'ہے',
  'هو',
  'هي',
  'הוא',
  'היא',
];

/** Endings that play the role of "is"/":" in languages written without spaces. */
export const IS_SUFFIXES: readonly string[] = ['是', '为', '為', 'は', '는', '은', 'คือ'];

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

/** Opening bracket/quote -> closing counterpart; a code wrapped in these is being highlighted. */
export const BRACKETS: ReadonlyMap<string, string> = new Map([
  ['[', ']'],
  ['(', ')'],
  ['{', '}'],
  ['<', '>'],
  ['"', '"'],
  ["'", "'"],
  ['«', '»'],
  ['»', '«'],
  ['“', '”'],
  ['„', '“'],
  ['‘', '’'],
  ['‹', '›'],
  ['【', '】'],
  ['「', '」'],
  ['『', '』'],
  ['〔', '〕'],
  ['《', '》'],
  ['〈', '〉'],
  ['*', '*'],
  ['_', '_'],
  ['~', '~'],
  ['`', '`'],
]);

/** Characters that can open a highlighted code; stripped when looking for ':' / 'is' lead-ins. */
export const OPENERS: ReadonlySet<string> = new Set(BRACKETS.keys());

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

// ---------------------------------------------------------------------------------------------
// Known services: optional hints about code shape
// ---------------------------------------------------------------------------------------------

/** Typical code shape per service, used only as a small tie-breaking boost. */
export interface ServiceFormat {
  /** Digit counts the service uses. */
  lengths?: readonly number[];
  /** Length of alphanumeric codes (Steam Guard uses 5 characters, sometimes letters only). */
  alnumLength?: number;
}

export const SERVICE_FORMATS: Readonly<Record<string, ServiceFormat>> = {
  google: { lengths: [6] },
  telegram: { lengths: [5] },
  whatsapp: { lengths: [6] },
  facebook: { lengths: [5, 6, 7, 8] },
  instagram: { lengths: [6] },
  apple: { lengths: [6] },
  uber: { lengths: [4] },
  steam: { alnumLength: 5 },
  signal: { lengths: [6] },
  discord: { lengths: [6] },
  amazon: { lengths: [6] },
  tiktok: { lengths: [6] },
  twitter: { lengths: [6] },
  paypal: { lengths: [6] },
  linkedin: { lengths: [6] },
  snapchat: { lengths: [6] },
  microsoft: { lengths: [4, 6, 7, 8] },
  netflix: { lengths: [4, 6] },
};

export const SERVICE_ALIASES: Readonly<Record<string, string>> = {
  x: 'twitter',
  fb: 'facebook',
  meta: 'facebook',
  ig: 'instagram',
  wa: 'whatsapp',
  msft: 'microsoft',
  outlook: 'microsoft',
};

/**
 * Words that, between a decoy word and a number, show the number is not what the decoy names:
 * "verify your number with 51927", "confirme seu número usando 4821".
 */
export const INSTRUMENT_WORDS: readonly string[] = [
  'with',
  'using',
  'via',
  'avec',
  'mit',
  'con',
  'com',
  'usando',
  'utilisant',
  'dengan',
  'ile',
  'za pomocą',
  'с помощью',
  'используя',
];
