/**
 * Corpus of verification SMS for the code extractor, modelled on the public message formats of
 * large services and banks in many languages. `expected` is what a person would type into the
 * app (null when the message contains no verification code). Codes, phone numbers and amounts
 * are invented; the wording and layout follow what these senders actually send.
 */
import { languageRows } from './extractor.corpus.languages';
import { serviceRows } from './extractor.corpus.services';
import { shapeRows } from './extractor.corpus.shapes';
import { worldRows } from './extractor.corpus.world';
import type { CorpusRow } from './extractor.corpus.types';

export interface CorpusCase {
  sms: string;
  expected: string | null;
  /** Sender hint passed to the extractor (as the inbound path may). */
  service?: string;
  /** Who sends this format (statistics only, never passed to the extractor). */
  sender?: string;
  /** Language tag (statistics only). */
  lang?: string;
  note?: string;
}

const originalCases: CorpusCase[] = [
  // ----------------------------------------------------------------------------- Google
  { sms: 'G-730155 is your Google verification code.', expected: '730155', service: 'google' },
  { sms: 'Your Google verification code is 482913', expected: '482913' },
  {
    sms: "G-582014 is your Google verification code. Don't share it with anyone. Google will never call you to ask for it.",
    expected: '582014',
  },
  { sms: 'G-304917 es tu código de verificación de Google.', expected: '304917', note: 'es' },
  { sms: 'G-604825 é o seu código de verificação do Google.', expected: '604825', note: 'pt' },
  { sms: 'G-771360 est votre code de validation Google.', expected: '771360', note: 'fr' },
  { sms: 'G-512093 ist dein Bestätigungscode für Google.', expected: '512093', note: 'de' },
  { sms: 'G-209184 è il tuo codice di verifica Google.', expected: '209184', note: 'it' },
  { sms: 'G-883402 — ваш код подтверждения Google.', expected: '883402', note: 'ru' },
  { sms: 'G-401273 是您的 Google 验证码。', expected: '401273', note: 'zh' },
  { sms: 'G-652019 が Google の確認コードです。', expected: '652019', note: 'ja' },
  { sms: 'G-330981은(는) Google 인증 코드입니다.', expected: '330981', note: 'ko' },
  { sms: 'G-917246 هو رمز التحقق من Google.', expected: '917246', note: 'ar' },
  { sms: 'G-246810 आपका Google सत्यापन कोड है.', expected: '246810', note: 'hi' },
  { sms: 'G-135792 Google doğrulama kodunuzdur.', expected: '135792', note: 'tr' },
  {
    sms: 'G-482731 is your Google verification code. Learn more at g.co/help/2sv',
    expected: '482731',
    note: 'short link',
  },
  { sms: 'Your Google Voice verification code is 815392.', expected: '815392' },

  // ----------------------------------------------------------------------------- Telegram
  {
    sms: 'Telegram code 52981\n\nYou can also tap on this link to log in:\nhttps://t.me/login/52981',
    expected: '52981',
    service: 'telegram',
  },
  {
    sms: "Telegram code: 40716\n\nDo not give this code to anyone, even if they say they are from Telegram!\n\nThis code can be used to log in to your Telegram account. We never ask it for anything else.\n\nIf you didn't request this code by trying to log in on another device, simply ignore this message.",
    expected: '40716',
  },
  {
    sms: 'Код подтверждения Telegram: 68204\n\nНикому не давайте этот код, даже если его требуют от имени Telegram!',
    expected: '68204',
    note: 'ru',
  },
  {
    sms: 'Código de Telegram: 31579\n\n¡No compartas este código con nadie, ni siquiera con alguien que diga ser de Telegram!',
    expected: '31579',
    note: 'es',
  },
  {
    sms: 'Login code: 90551. Do not give this code to anyone, even if they say they are from Telegram! This code can be used to log in to your Telegram account. We never ask it for anything else.',
    expected: '90551',
    service: 'telegram',
  },
  {
    sms: 'Telegram-Code: 24680\n\nGib diesen Code niemandem, auch wenn er behauptet, zu Telegram zu gehören!',
    expected: '24680',
    note: 'de',
  },

  // ----------------------------------------------------------------------------- WhatsApp
  {
    sms: "Your WhatsApp code: 318-204\nYou can also tap on this link to verify your phone: v.whatsapp.com/318204\nDon't share this code with others",
    expected: '318204',
    service: 'whatsapp',
  },
  {
    sms: "<#> Your WhatsApp code: 702-519\n\nDon't share this code with others\n4sgLq1p5sV6",
    expected: '702519',
    note: 'SMS retriever hash',
  },
  { sms: 'Tu código de WhatsApp: 845-290\nNo compartas este código con nadie', expected: '845290' },
  { sms: 'Seu código do WhatsApp: 661-074\nNão compartilhe este código com ninguém', expected: '661074' },
  { sms: 'Dein WhatsApp-Code: 203-887\nTeile diesen Code mit niemandem', expected: '203887' },
  { sms: 'Ваш код WhatsApp: 559-013\nНикому не сообщайте этот код', expected: '559013' },
  {
    sms: 'رمز واتساب الخاص بك: ٤٨٢-٩١٠\nلا تشارك هذا الرمز مع أي شخص',
    expected: '482910',
    note: 'Arabic-Indic digits',
  },
  { sms: 'आपका WhatsApp कोड: 947-312\nयह कोड किसी के साथ शेयर न करें', expected: '947312' },
  { sms: 'WhatsApp doğrulama kodunuz: 390-617. Bu kodu kimseyle paylaşmayın.', expected: '390617' },

  // ----------------------------------------------------------------------------- Microsoft
  { sms: 'Use 8294 as Microsoft account security code', expected: '8294', service: 'microsoft' },
  { sms: 'Microsoft account security code: 5501926', expected: '5501926' },
  { sms: 'Use code 73104628 to verify your Microsoft account.', expected: '73104628' },
  {
    sms: "Microsoft access code: 649201. Office365 users: don't share this code.",
    expected: '649201',
    note: 'brand with digits',
  },
  { sms: 'Utilisez le code 4417 comme code de sécurité du compte Microsoft', expected: '4417' },
  { sms: 'Verwenden Sie 736104 als Sicherheitscode für das Microsoft-Konto', expected: '736104' },

  // ----------------------------------------------------------------------------- Apple
  {
    sms: "Your Apple Account code is: 493027. Don't share it with anyone.\n\n@apple.com #493027 %apple.com",
    expected: '493027',
    service: 'apple',
  },
  { sms: "Your Apple ID Code is: 170385. Don't share it with anyone.", expected: '170385' },
  {
    sms: "Il tuo codice dell'ID Apple è: 251804. Non condividerlo con nessuno.\n\n@apple.com #251804",
    expected: '251804',
  },
  {
    sms: 'Your Apple Pay verification code is 418273 for the card ending in 4321.',
    expected: '418273',
    note: 'card suffix decoy',
  },
  {
    sms: '@apple.com #602913',
    expected: '602913',
    note: 'domain-bound line only',
  },

  // ----------------------------------------------------------------------------- Amazon
  { sms: '482910 is your Amazon OTP. Do not share it with anyone.', expected: '482910', service: 'amazon' },
  {
    sms: "Amazon: Your code is 560412. Don't share it. If you didn't request it, deny here https://amazon.com/a/c/r/KpT3nH8",
    expected: '560412',
  },
  {
    sms: 'Amazon: Ihr Code lautet 093716. Teilen Sie ihn mit niemandem.',
    expected: '093716',
    note: 'leading zero',
  },
  {
    sms: 'Amazon: Tu código es 774251. No lo compartas. Pedido 402-1234567-8912345 enviado.',
    expected: '774251',
  },
  {
    sms: 'Your Amazon order 114-3941689-8772232 has shipped. Track: amzn.to/3xYz12 . Your one-time delivery code is 6281.',
    expected: '6281',
    note: 'order number first',
  },
  { sms: 'Amazon: 301748 est votre code de vérification. Ne le partagez pas.', expected: '301748' },

  // ----------------------------------------------------------------------------- Facebook / Instagram
  { sms: 'FB-20931 is your Facebook confirmation code', expected: '20931', service: 'facebook' },
  { sms: "FB-481739 is your Facebook code. Don't share it.", expected: '481739' },
  { sms: 'FB-77420 es tu código de confirmación de Facebook', expected: '77420' },
  { sms: 'Ваш код Facebook: 39182054', expected: '39182054' },
  { sms: 'Use 482 913 to verify your Instagram account.', expected: '482913', service: 'instagram' },
  { sms: "583201 is your Instagram code. Don't share it.", expected: '583201' },
  { sms: 'Instagram: 904 118 é o seu código de segurança. Não compartilhe.', expected: '904118' },
  { sms: 'Instagram-Code: 615 280. Teile ihn mit niemandem.', expected: '615280' },

  // ----------------------------------------------------------------------------- TikTok
  {
    sms: '[TikTok] 305812 is your verification code, valid for 5 minutes. To keep your account safe, never forward this code.',
    expected: '305812',
  },
  { sms: '[TikTok] 验证码 719304，用于登录，5分钟内有效。', expected: '719304' },
  { sms: '[TikTok] Mã xác minh của bạn là 846021. Mã có hiệu lực trong 5 phút.', expected: '846021' },

  // ----------------------------------------------------------------------------- Uber, Lyft, Bolt, Grab
  {
    sms: 'Your Uber code: 4186. Never share this code. Reply STOP ALL to 89203 to unsubscribe.',
    expected: '4186',
    service: 'uber',
  },
  {
    sms: 'Tu código de Uber es 7302. Nunca compartas este código. Responde STOP ALL al 89203 para cancelar.',
    expected: '7302',
  },
  { sms: 'Uber: 5521 é o seu código. Não compartilhe.', expected: '5521' },
  {
    sms: 'Lyft: Your code is 5529. Earn $10.00 when friends take their first ride: lyft.com/i/JOHN1234',
    expected: '5529',
  },
  {
    sms: 'Bolt: Your verification code is 1893. Get 20% off your next 3 rides with code SAVE20.',
    expected: '1893',
    note: 'promo code decoy',
  },
  {
    sms: "Grab: Your Grab verification code is 650193. Don't share it. Valid for 5 minutes. Ref: 20240501",
    expected: '650193',
  },
  { sms: 'Your Yandex Go code: 7718. Your ride costs 350 ₽.', expected: '7718' },

  // ----------------------------------------------------------------------------- Discord, Signal, X, Snapchat
  { sms: 'Your Discord security code is: 618204', expected: '618204' },
  {
    sms: 'Discord: 374920 is your verification code. Please do not share it with anyone.',
    expected: '374920',
  },
  {
    sms: 'SIGNAL: Your code is: 471-902 Do not share this code\n\ndoDLxtS6ZQQ',
    expected: '471902',
    service: 'signal',
  },
  {
    sms: 'Your Signal verification code: 830155\n\nDo not share this code. Signal will never ask you for it.',
    expected: '830155',
  },
  { sms: 'Your X verification code is 283749.', expected: '283749', service: 'x' },
  { sms: 'Your Twitter confirmation code is 510294.', expected: '510294' },
  { sms: "X: Your code is 771020. Don't reply to this message with your code.", expected: '771020' },
  { sms: 'Snapchat code: 402719. Happy Snapping!', expected: '402719' },
  { sms: 'Código de Snapchat: 915006. ¡Feliz Snap!', expected: '915006' },

  // ----------------------------------------------------------------------------- Steam (alphanumeric)
  { sms: 'Your Steam Guard code is: Q4W8M', expected: 'Q4W8M', service: 'steam' },
  { sms: 'Steam Guard code: 7K2PD', expected: '7K2PD' },
  { sms: 'Steam verification code: FRCTB', expected: 'FRCTB', service: 'steam', note: 'letters only' },
  { sms: 'Код Steam Guard: 2GXB9', expected: '2GXB9' },
  {
    sms: 'Steam: Your account verification code is HQ4TN. It expires in 15 minutes.',
    expected: 'HQ4TN',
  },

  // ----------------------------------------------------------------------------- PayPal, Netflix, LinkedIn, Yahoo
  {
    sms: "PayPal: Your security code is: 592018. Your code expires in 10 minutes. Please don't reply.",
    expected: '592018',
    service: 'paypal',
  },
  { sms: 'PayPal : Votre code de sécurité est : 330928. Il expire dans 10 minutes.', expected: '330928' },
  {
    sms: 'PayPal: You sent $25.00 USD to John. Your confirmation code is 117302.',
    expected: '117302',
  },
  { sms: 'Your Netflix verification code is: 1538', expected: '1538' },
  { sms: 'Netflix: Seu código de acesso é 6019. Ele expira em 15 minutos.', expected: '6019' },
  { sms: 'Your LinkedIn verification code is 482173.', expected: '482173' },
  { sms: 'LinkedIn: Dein Verifizierungscode lautet 905331.', expected: '905331' },
  { sms: 'Yahoo: 38291654 is your verification code. Do not share it.', expected: '38291654' },
  { sms: 'Use 5827 to verify your Yahoo account.', expected: '5827' },

  // ----------------------------------------------------------------------------- Other apps
  { sms: 'Your Zoom verification code is 730192, valid for 10 minutes.', expected: '730192' },
  { sms: 'Your GitHub authentication code is 208451.', expected: '208451' },
  { sms: 'Your Dropbox security code is 916530', expected: '916530' },
  { sms: '[Samsung account] Verification code: 552810', expected: '552810' },
  {
    sms: "[Xiaomi] Your verification code is 173905. It expires in 10 minutes. Don't share it with anyone.",
    expected: '173905',
  },
  { sms: 'Your Viber code: 640 219', expected: '640219' },
  { sms: 'Your LINE verification code is 2409.', expected: '2409' },
  { sms: 'Your Tinder code is 857201', expected: '857201' },
  {
    sms: "Venmo here! NEVER share this code via call/text. ONLY YOU should enter the code. BEWARE: If someone asks for the code, it's a scam. Code: 482019",
    expected: '482019',
  },
  { sms: "Cash App: 482-910 is your sign-in code. Don't share this code with anyone.", expected: '482910' },
  { sms: 'Your Robinhood code is 310582. Never share it with anyone.', expected: '310582' },
  {
    sms: "Coinbase: 7301446 is your verification code. Don't share this code with anyone; our employees will never ask for it.",
    expected: '7301446',
  },
  {
    sms: 'Binance: Verification code: 482910. Valid for 30 minutes. Withdrawal of 0.5 BTC to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa.',
    expected: '482910',
  },
  { sms: 'Your Airbnb verification code is: 402918. Booking reference HMXK4R2P.', expected: '402918' },
  {
    sms: 'Booking.com: Your confirmation number is 4029183746 and PIN is 7301.',
    expected: '7301',
  },
  { sms: 'Glovo: El teu codi és 4821', expected: '4821', note: 'ca' },
  { sms: 'Wallapop: tu código es 4821. No lo compartas con nadie.', expected: '4821' },
  { sms: 'Twój kod OLX to 6038', expected: '6038' },
  {
    sms: 'Hinge: your verification code is 0472. Data rates may apply. Reply HELP for help, STOP to cancel.',
    expected: '0472',
  },
  {
    sms: 'DoorDash: Your verification code is 730-925. It expires in 10 minutes. Sent at 10:45 PM',
    expected: '730925',
  },
  {
    sms: 'Vinted: Your verification code is 2046 (valid until 2024-12-31).',
    expected: '2046',
    note: 'year-like code',
  },
  {
    sms: 'Your Verizon verification code is 618302. Office365 users see aka.ms/mfa for help.',
    expected: '618302',
  },
  { sms: 'Vodafone: 482910 ist dein Code. Hilfe: 0800 172 1212', expected: '482910' },
  { sms: 'Tele2: Ваш код 4829. Никому его не сообщайте.', expected: '4829' },
  { sms: 'Kaspi.kz: Код 4829. Никому не сообщайте.', expected: '4829' },

  // ----------------------------------------------------------------------------- Banks (English)
  {
    sms: 'Your OTP for txn of INR 2,500.00 at AMAZON on HDFC Bank card ending 4321 is 482910. Valid for 10 mins. Do not share with anyone.',
    expected: '482910',
  },
  {
    sms: "Chase: Your one-time code is 83920155. Don't share it. We'll never call to ask for it. Call 1-800-935-9935 if you didn't request it.",
    expected: '83920155',
  },
  {
    sms: "BofA: Your verification code is 720331. Never share it. BofA won't call to ask for it. Reply HELP for help.",
    expected: '720331',
  },
  {
    sms: 'Wells Fargo: Your code is 491066. Do not share. Call us 24/7 at (800) 869-3557 if not you.',
    expected: '491066',
  },
  {
    sms: 'Capital One: Use code 618294 to verify a purchase of $1,249.99 at BEST BUY #1042.',
    expected: '618294',
  },
  {
    sms: 'Barclays: 552301 is your passcode for the payment of £120.00 to ACME LTD. Never share this passcode.',
    expected: '552301',
  },
  {
    sms: 'ICICI Bank: OTP for your transaction of Rs.5000 at FLIPKART is 390174. Valid for 3 mins. Do not share OTP with anyone.',
    expected: '390174',
  },
  {
    sms: 'SBI: 719264 is the OTP for transaction of Rs 12,350.00 on your SBI Debit Card ending 6745. OTP valid for 5 min.',
    expected: '719264',
  },
  {
    sms: "Revolut: Your Revolut verification code is 731-944. Don't share this code with anyone.",
    expected: '731944',
  },
  {
    sms: 'Monzo: Your verification code is 4493 1872. Do not share it.',
    expected: '44931872',
    note: '4+4 split',
  },
  {
    sms: 'N26: Code 813227 to confirm payment of 49,99 € at AMAZON EU. Not you? Call +49 30 364 286 880.',
    expected: '813227',
  },
  { sms: 'HSBC: Your security code is 266401. It expires at 10:45. Ref: 884422', expected: '266401' },
  {
    sms: 'Pay ₹1500 to Swiggy with OTP 730192. Do not share it with anyone.',
    expected: '730192',
  },
  {
    sms: 'Your code is 482-910. Questions? Call 800-555-0199.',
    expected: '482910',
  },
  {
    sms: 'Citi: Your one-time PIN is 58 20 19. It expires in 5 minutes.',
    expected: '582019',
    note: '2-2-2 split',
  },

  // ----------------------------------------------------------------------------- Banks (other languages)
  {
    sms: 'Пароль для подтверждения покупки: 48291. Сумма: 1500р. Карта *1234. Никому не сообщайте пароль.',
    expected: '48291',
    note: 'Sberbank style',
  },
  {
    sms: 'Tinkoff: Код 5813 для подтверждения операции на сумму 2 500 руб. Никому не говорите код.',
    expected: '5813',
  },
  {
    sms: 'Monobank: Код підтвердження 604218. Сума 1 250,00 грн. Нікому не повідомляйте код.',
    expected: '604218',
  },
  { sms: 'Itaú: Seu código de segurança é 447109. Valor R$ 1.250,00. Não compartilhe.', expected: '447109' },
  { sms: 'Nubank: 882014 é o seu código de verificação. Não compartilhe com ninguém.', expected: '882014' },
  {
    sms: 'BBVA: El código para confirmar tu compra de 1.234,56 € en AMAZON es 650271. No lo compartas.',
    expected: '650271',
  },
  {
    sms: 'Santander: Clave de operación 908713 para pago de 89,90 EUR. Pedido nº 123456. No la compartas.',
    expected: '908713',
  },
  {
    sms: 'ING: Uw verificatiecode is 330651. Deel deze code met niemand. Bedrag: € 1.234,56',
    expected: '330651',
  },
  {
    sms: 'Garanti BBVA: 1.250,00 TL tutarındaki işleminiz için doğrulama kodunuz 739201. Kimseyle paylaşmayın.',
    expected: '739201',
  },
  {
    sms: 'mBank: Kod SMS: 72910354. Operacja: przelew 120,00 zł na rachunek ...4321.',
    expected: '72910354',
  },
  {
    sms: 'PKO BP: Operacja nr 3 z dnia 01.05.2024. Kod SMS: 55190347. Kwota: 120,00 PLN.',
    expected: '55190347',
    note: 'dotted date first',
  },
  {
    sms: 'Intesa Sanpaolo: il codice di autorizzazione è 601738. Importo 1.234,56 EUR. Non comunicarlo a nessuno.',
    expected: '601738',
  },
  {
    sms: 'Société Générale : votre code de sécurité est 450923 pour le paiement de 25,00 € chez FNAC. Ne le communiquez à personne.',
    expected: '450923',
  },
  {
    sms: 'Deutsche Bank: Ihre TAN lautet 813290 für Überweisung über 1.234,56 EUR an Max Mustermann.',
    expected: '813290',
  },
  {
    sms: 'Sparkasse: Ihre mTAN für die Überweisung von 2500,00 EUR an DE89 3704 0044 0532 0130 00 lautet 271846.',
    expected: '271846',
    note: 'IBAN and amount before the code',
  },
  {
    sms: 'Zalando: Dein Code lautet 5521-8830. Gültig bis 31.12.2025.',
    expected: '55218830',
    note: '4-4 dash split',
  },

  // ----------------------------------------------------------------------------- Chinese
  { sms: '【腾讯科技】您的验证码是482910，5分钟内有效。如非本人操作，请忽略本短信。', expected: '482910' },
  { sms: '【支付宝】验证码：730215，您正在进行身份验证，打死不要告诉别人哦！', expected: '730215' },
  { sms: '【淘宝网】您的验证码为8421，该验证码5分钟内有效，请勿泄露于他人。', expected: '8421' },
  {
    sms: '【中国银行】您尾号1234的账户正在进行支付，金额100.00元，验证码：683092，请勿泄露。',
    expected: '683092',
  },
  {
    sms: '【京东】验证码 529381，用于登录京东账号，10分钟内有效。客服电话400-606-5500。',
    expected: '529381',
  },
  {
    sms: '【微信支付】您的驗證碼為 614028，請於10分鐘內輸入，切勿告知他人。',
    expected: '614028',
    note: 'zh-Hant',
  },
  { sms: '【美团】682401（美团验证码），请勿告诉他人。', expected: '682401' },
  { sms: '[WeChat] 验证码：509162。请勿把验证码泄露给他人。', expected: '509162' },
  { sms: '验证码【603815】，10分钟内有效。', expected: '603815' },
  { sms: '【华为】您的验证码为：１９０２８４，请勿泄露。', expected: '190284', note: 'fullwidth digits' },

  // ----------------------------------------------------------------------------- Japanese
  { sms: '【Amazon】認証コード：482910 このコードは10分間有効です。', expected: '482910' },
  { sms: 'LINE：認証番号 7302 を入力してください。', expected: '7302' },
  { sms: 'Yahoo! JAPAN 確認コード：306914 このコードを他人に教えないでください。', expected: '306914' },
  { sms: '楽天: 認証コードは 591027 です。有効期限は2024年12月31日 23:59です。', expected: '591027' },
  { sms: 'メルカリの認証番号は５８２９です。', expected: '5829', note: 'fullwidth digits' },
  { sms: 'ドコモ: ワンタイムパスワード 80246731 を入力してください。', expected: '80246731' },

  // ----------------------------------------------------------------------------- Korean
  { sms: '[Web발신]\n[네이버] 인증번호 [482910]를 입력해주세요.', expected: '482910' },
  { sms: '[카카오톡] 인증번호 [3092]를 입력해 주세요. 타인 노출 금지', expected: '3092' },
  {
    sms: '[Web발신]\n[쿠팡] 인증번호는 728301입니다. 정확히 입력해주세요. 고객센터 1577-7011',
    expected: '728301',
  },
  {
    sms: '[Web발신] [토스] 인증번호 [640193] 타인에게 절대 알려주지 마세요. 금액 50,000원',
    expected: '640193',
  },

  // ----------------------------------------------------------------------------- Arabic
  { sms: 'رمز التحقق الخاص بك هو ٤٨٢٩١٠. لا تشاركه مع أي شخص.', expected: '482910' },
  { sms: 'رمز التحقق: 739201\nصالح لمدة 10 دقائق', expected: '739201' },
  {
    sms: 'الراجحي: رمز التحقق ٦١٨٢٠٤ لعملية شراء بمبلغ ٢٥٠٫٠٠ ريال. لا تشارك الرمز.',
    expected: '618204',
  },
  { sms: 'كود التفعيل الخاص بك في Careem هو 5521', expected: '5521' },
  { sms: 'STC Pay: رمز التحقق 309122 لا تشاركه مع أحد. للاستفسار اتصل 920000100', expected: '309122' },
  { sms: '\u200fرمز الدخول إلى حسابك: \u200e٧٠٣١٥٢\u200e', expected: '703152', note: 'bidi marks' },

  // ----------------------------------------------------------------------------- Hindi
  { sms: 'आपका सत्यापन कोड ४८२९१० है। इसे किसी के साथ साझा न करें।', expected: '482910' },
  { sms: 'Paytm: ₹500 के भुगतान के लिए आपका OTP 739102 है। यह 10 मिनट के लिए मान्य है।', expected: '739102' },
  { sms: 'आपका Flipkart OTP ५५२१ है। किसी से साझा न करें।', expected: '5521' },
  {
    sms: 'प्रिय ग्राहक, आपका लॉगिन कोड 660284 है। कृपया इसे साझा न करें। 24/7 सहायता के लिए 1800-209-0025 पर कॉल करें।',
    expected: '660284',
  },

  // ----------------------------------------------------------------------------- Persian
  { sms: 'کد تایید شما: ۴۸۲۹۱۰\nاین کد را در اختیار دیگران قرار ندهید.', expected: '482910' },
  { sms: 'دیجی‌کالا: کد ورود شما ۵۵۲۱۹ است.', expected: '55219' },
  { sms: 'بانک ملت: رمز پویا ۷۳۰۱۲۹ مبلغ ۵۰۰٬۰۰۰ ریال', expected: '730129' },

  // ----------------------------------------------------------------------------- Hebrew
  { sms: 'קוד האימות שלך הוא 482910. אין למסור קוד זה לאף אחד.', expected: '482910' },
  { sms: 'קוד אימות ל-Wolt: 5521', expected: '5521' },
  { sms: 'לאומי: קוד חד פעמי 773019 לאישור העברה בסך 1,500 ₪', expected: '773019' },

  // ----------------------------------------------------------------------------- Thai
  { sms: 'รหัส OTP ของคุณคือ 482910 (Ref: ABCD) ใช้ได้ภายใน 5 นาที', expected: '482910' },
  {
    sms: 'OTP=730192 (Ref.KX7Q) สำหรับทำรายการโอนเงิน 1,500.00 บาท ห้ามบอกรหัสนี้แก่ผู้อื่น',
    expected: '730192',
  },
  { sms: 'รหัสยืนยันของคุณคือ ๕๕๒๑๙๓', expected: '552193', note: 'Thai digits' },

  // ----------------------------------------------------------------------------- Vietnamese
  { sms: 'Ma xac thuc OTP cua ban la 482910. Ma co hieu luc trong 5 phut.', expected: '482910' },
  {
    sms: 'Mã OTP của quý khách là 730192 để thanh toán 500.000 VND tại Shopee. Không chia sẻ mã này.',
    expected: '730192',
  },
  {
    sms: 'Vietcombank: So tien 1.500.000 VND. Ma OTP: 602915. Tuyet doi khong cung cap ma OTP cho bat ky ai.',
    expected: '602915',
  },

  // ----------------------------------------------------------------------------- Indonesian
  {
    sms: 'Kode verifikasi Anda adalah 482910. JANGAN BERIKAN kode ini kepada siapa pun termasuk pihak Gojek.',
    expected: '482910',
  },
  {
    sms: '<#> Kode OTP Tokopedia: 7301. Jangan berikan kode ini ke siapa pun. Transaksi Rp150.000',
    expected: '7301',
  },
  {
    sms: 'BCA: Kode OTP 551029 untuk transaksi Rp 1.250.000 di TOKOPEDIA. RAHASIAKAN KODE INI.',
    expected: '551029',
  },

  // ----------------------------------------------------------------------------- Turkish
  { sms: 'Doğrulama kodunuz: 482910. Bu kodu kimseyle paylaşmayın.', expected: '482910' },
  { sms: 'Trendyol: Siparişiniz 123456789 kargoya verildi. Giriş kodunuz: 8812', expected: '8812' },
  { sms: 'Getir giriş kodu: 3051. Kodu kimseyle paylaşma.', expected: '3051' },

  // ----------------------------------------------------------------------------- Polish
  { sms: 'Twój kod weryfikacyjny to 482910. Nie udostępniaj go nikomu.', expected: '482910' },
  { sms: 'Allegro: kod do logowania 730192. Zamówienie nr 2024/05/123456.', expected: '730192' },

  // ----------------------------------------------------------------------------- Russian / Ukrainian
  { sms: 'Код подтверждения: 482910. Никому не сообщайте код.', expected: '482910' },
  { sms: 'Ваш код для входа в Яндекс ID: 7301. Никому его не говорите.', expected: '7301' },
  {
    sms: 'Госуслуги: код подтверждения 519204. Никому не сообщайте его, даже сотруднику портала.',
    expected: '519204',
  },
  { sms: 'VK: 46 81 02 — ваш код подтверждения. Не сообщайте его никому.', expected: '468102' },
  { sms: 'Ozon: код 3816 для входа. Заказ 12345678-0001 доставлен.', expected: '3816' },
  { sms: 'Дія: Ваш код підтвердження — 602817. Нікому його не повідомляйте.', expected: '602817' },
  { sms: 'Ваш код: 5829. Поддержка: +7 (900) 123-45-67', expected: '5829' },

  // ----------------------------------------------------------------------------- Spanish, Portuguese, French, German, Italian, Dutch
  { sms: 'Tu código de verificación es 482910. Válido por 10 minutos.', expected: '482910' },
  {
    sms: 'Mercado Libre: 730 192 es tu código de verificación. No lo compartas con nadie.',
    expected: '730192',
  },
  { sms: 'Rappi: Tu código es 5521. Pedido #884422 en camino.', expected: '5521' },
  { sms: 'iFood: Seu código de confirmação é 7301. Nunca compartilhe.', expected: '7301' },
  { sms: 'Votre code de vérification est 482910. Il expire dans 10 minutes.', expected: '482910' },
  {
    sms: 'Doctolib : votre code de confirmation est le 613094. Rdv le 12/05 à 10:45.',
    expected: '613094',
  },
  { sms: 'Votre code : 482910. Service client : 01 23 45 67 89', expected: '482910' },
  {
    sms: 'DHL: Ihr Bestätigungscode lautet 830516. Sendungsnummer 00340434161234567890.',
    expected: '830516',
  },
  { sms: 'Ihr Code: 482910. Hotline: 030 12345678', expected: '482910' },
  { sms: 'Il tuo codice di verifica è 482910. Non condividerlo con nessuno.', expected: '482910' },
  { sms: 'PostNL: Je verificatiecode is 730192. Deze code is 15 minuten geldig.', expected: '730192' },

  // ----------------------------------------------------------------------------- Decoy-heavy
  {
    sms: "Your verification code is 619203. If you didn't request this, call +1 415 555 0123.",
    expected: '619203',
  },
  { sms: 'Order #123456 confirmed! Your pickup code is 4410.', expected: '4410' },
  { sms: 'Ref: 884422. Your one-time passcode is 305917. Expires in 10 minutes.', expected: '305917' },
  { sms: 'Visit https://example.com/verify?id=1234 and enter code 582013.', expected: '582013' },
  { sms: 'Your 7-Eleven app code: 740215. 24/7 support at 7-eleven.com', expected: '740215' },
  { sms: '1Password: your verification code is 830127.', expected: '830127' },
  { sms: '3M Account: Your sign-in code is 650913 (valid 15 min).', expected: '650913' },
  { sms: 'Your 4G data plan renews on 2024-05-01. Verification code: 220871.', expected: '220871' },
  { sms: 'Code 9-0-4-1-1-8. Do not share.', expected: '904118', note: 'digit-by-digit dashes' },
  { sms: 'Your code is “482910”. Do not share it.', expected: '482910' },
  { sms: 'Votre code : «305829». Ne le partagez pas.', expected: '305829' },
  { sms: 'Your PIN is [7391]. Call (800) 555-1234 if you did not request it.', expected: '7391' },
  {
    sms: 'Security code 2025. Valid for 10 minutes. © 2024 Acme Inc.',
    expected: '2025',
    note: 'code that looks like a year',
  },
  {
    sms: 'Your account ending in 4321 was accessed. If this was you, use code 991204 to confirm.',
    expected: '991204',
  },
  {
    sms: 'Your Amazon order 702-5518823-1100443 will arrive 05/14. Delivery PIN: 3371. Call 1-888-280-4331 for help.',
    expected: '3371',
  },
  { sms: 'Your code 4821 expires at 1045 hrs.', expected: '4821' },
  { sms: 'Code: 482910. Valid until 01.06.2024 23:59.', expected: '482910' },
  { sms: 'Your ticket 58213 is confirmed. Boarding code: 7730', expected: '7730' },
  { sms: 'Your code is 482910\n\n@example.com #482910', expected: '482910', note: 'WebOTP format' },
  { sms: 'Use verification code 1234 5678 to sign in. Ref 2024-05-01.', expected: '12345678' },
  {
    sms: 'Your verification code for order 123456 is 4821.',
    expected: '4821',
    note: 'order inside code phrase',
  },
  { sms: 'Your OTP for transaction 88213370 is 482910. Do not share.', expected: '482910' },
  { sms: 'Code for your account: 703152', expected: '703152', note: 'account inside code phrase' },

  // ----------------------------------------------------------------------------- No code at all
  {
    sms: 'SALE! 50% off everything until 12/31. Shop now at example.com/sale. Reply STOP to opt out.',
    expected: null,
  },
  {
    sms: 'Your order #123456 has shipped and will arrive on 2024-05-01. Track at ups.com/track?num=1Z999AA10123456784',
    expected: null,
  },
  {
    sms: 'Reminder: your appointment is on 05/12 at 10:45. Call (800) 555-1234 to reschedule.',
    expected: null,
  },
  {
    sms: 'Get 2 large pizzas for $19.99! Offer valid until 2025-01-31. Order at dominos.com',
    expected: null,
  },
  {
    sms: 'Your monthly bill of $45.00 is due on 2024-06-15. Pay at verizon.com/pay. Account ending in 4321.',
    expected: null,
  },
  { sms: 'Скидка 30% на всё до 31.12.2024! Только в магазинах 7-Eleven. Цены от 1500 руб.', expected: null },
  { sms: '【京东】您的订单1234567890已发货，预计2024年5月3日送达。', expected: null },
  { sms: 'Happy New Year 2025 from all of us at Acme! Visit acme.com for deals.', expected: null },
  { sms: 'Sua fatura de R$ 1.250,00 vence em 10/05. Pague pelo app ou ligue 4004-0001.', expected: null },
  { sms: 'Use promo code SAVE2025 for 20% off your next order. Ends 12/31.', expected: null },
  { sms: 'Your parcel 48291 will be delivered tomorrow between 10:00 and 14:00.', expected: null },
  { sms: 'Ihre Bestellung 4711 wurde versandt. Betrag: 1.234,56 €.', expected: null },
  { sms: 'Tu saldo es de $1,250.50 MXN al 15/05/2024. Dudas al 55 5226 2663.', expected: null },
  { sms: 'Your code has expired. Please request a new one.', expected: null },
  {
    sms: 'We will never ask for your verification code. Call 1-800-555-0199 with questions.',
    expected: null,
  },
  { sms: 'Your OTP was used at 10:45 on 2024-05-01.', expected: null },
  { sms: '', expected: null, note: 'empty message' },
];

const fromRow = ([sms, expected, sender, lang]: CorpusRow): CorpusCase => ({ sms, expected, sender, lang });

/** The training corpus: the original cases plus the service, language, shape and world parts. */
export const corpus: CorpusCase[] = [
  ...originalCases,
  ...serviceRows.map(fromRow),
  ...languageRows.map(fromRow),
  ...shapeRows.map(fromRow),
  ...worldRows.map(fromRow),
];
