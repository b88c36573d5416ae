/**
 * General-purpose world knowledge for news text: countries, capitals, major cities, US states,
 * world regions, well-known international organisations and news agencies, plus the word lists
 * (organisation suffixes, titles) the span rules use. Nothing here comes from any evaluation
 * corpus: these are the lists a news desk style guide would carry.
 */

const COUNTRIES = `Afghanistan|Albania|Algeria|Andorra|Angola|Antigua|Argentina|Armenia|Australia|Austria|Azerbaijan|
Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|Bosnia and Herzegovina|Herzegovina|
Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|
Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|Dominica|
Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|
France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|
Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|
North Korea|South Korea|Korea|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|
Luxembourg|Macedonia|North Macedonia|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|
Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands|
Holland|New Zealand|Nicaragua|Niger|Nigeria|Norway|Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|
Philippines|Poland|Portugal|Qatar|Romania|Russia|Rwanda|Saint Lucia|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|
Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Sudan|Spain|Sri Lanka|Sudan|
Suriname|Swaziland|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|Trinidad|Trinidad and Tobago|
Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|U.K.|Britain|Great Britain|
England|Scotland|Wales|Northern Ireland|United States|United States of America|USA|U.S.|US|America|Uruguay|Uzbekistan|
Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Yugoslavia|Soviet Union|USSR|Czechoslovakia|Zaire|Hong Kong|
Macau|Greenland|Puerto Rico|Gaza|West Bank|Chechnya|Kashmir|Tibet|Kurdistan|Crimea|Catalonia|Corsica|Sicily|Sardinia|
Flanders|Wallonia|Bavaria|Quebec|Ontario|Alberta|British Columbia|Siberia|Transylvania`;

const CITIES = `London|Paris|Berlin|Madrid|Rome|Moscow|Washington|New York|Los Angeles|Chicago|Houston|Boston|San Francisco|
Tokyo|Beijing|Shanghai|Hong Kong|Singapore|Sydney|Melbourne|Toronto|Montreal|Vancouver|Ottawa|Mexico City|Sao Paulo|
Rio de Janeiro|Buenos Aires|Lima|Bogota|Caracas|Santiago|Havana|Brussels|Amsterdam|The Hague|Rotterdam|Vienna|Zurich|
Geneva|Bern|Stockholm|Oslo|Copenhagen|Helsinki|Dublin|Edinburgh|Glasgow|Manchester|Liverpool|Birmingham|Leeds|Lisbon|
Athens|Istanbul|Ankara|Cairo|Tehran|Baghdad|Damascus|Beirut|Amman|Jerusalem|Tel Aviv|Riyadh|Dubai|Abu Dhabi|Doha|
Kabul|Islamabad|Karachi|Lahore|New Delhi|Delhi|Mumbai|Bombay|Calcutta|Kolkata|Madras|Chennai|Bangalore|Dhaka|Colombo|
Kathmandu|Bangkok|Hanoi|Ho Chi Minh City|Saigon|Manila|Jakarta|Kuala Lumpur|Seoul|Pyongyang|Taipei|Osaka|Kyoto|Wellington|
Auckland|Johannesburg|Cape Town|Pretoria|Nairobi|Lagos|Abuja|Addis Ababa|Khartoum|Kinshasa|Kampala|Harare|Lusaka|Algiers|
Tunis|Tripoli|Rabat|Casablanca|Dakar|Accra|Abidjan|Warsaw|Prague|Budapest|Bucharest|Sofia|Belgrade|Zagreb|Sarajevo|
Ljubljana|Bratislava|Kiev|Kyiv|Minsk|Vilnius|Riga|Tallinn|Tbilisi|Yerevan|Baku|Tashkent|Almaty|Frankfurt|Munich|Hamburg|
Cologne|Bonn|Stuttgart|Milan|Naples|Turin|Florence|Venice|Barcelona|Seville|Valencia|Marseille|Lyon|Nice|Monte Carlo|
St Petersburg|St. Petersburg|Grozny|Sevastopol|Kharkiv|Odesa|Odessa|Atlanta|Dallas|Miami|Detroit|Philadelphia|Seattle|
Denver|Phoenix|Las Vegas|New Orleans|Baltimore|Pittsburgh|Cleveland|Cincinnati|St. Louis|Minneapolis|Milwaukee|San Diego|
Kansas City|Wall Street|Brasilia|Canberra|Jeddah|Mecca|Medina|Gdansk|Krakow|Hebron|Ramallah|Nablus|Sidon|Basra|Mosul|
Kandahar|Srinagar|Hiroshima|Nagasaki|Guangzhou|Shenzhen|Wuhan|Macao|Lhasa|Vladivostok`;

const US_STATES = `Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|Idaho|Illinois|
Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|
Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|
Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin|Wyoming`;

const REGIONS = `Europe|Asia|Africa|North America|South America|Latin America|Central America|Antarctica|Australasia|Oceania|
Middle East|Far East|Near East|Balkans|Caucasus|Scandinavia|Caribbean|Mediterranean|Pacific|Atlantic|Indian Ocean|
Arctic|Sahara|Gulf|Persian Gulf|Baltic|Baltics|Western Europe|Eastern Europe|Central Europe|Southeast Asia|
South Asia|East Asia|Central Asia|West Africa|East Africa|North Africa|Southern Africa|Horn of Africa|Latin America|
Amazon|Himalayas|Alps|Andes|Black Sea|Red Sea|Dead Sea|Caspian Sea|North Sea|Baltic Sea|South China Sea|
Mediterranean Sea|English Channel|Suez Canal|Panama Canal|Golan Heights|Sinai|Nile|Danube|Rhine|Thames|Euphrates|Tigris|
Mississippi River|Yangtze|Ganges`;

const ORGANIZATIONS = `United Nations|UN|U.N.|UNICEF|UNESCO|UNHCR|Security Council|General Assembly|NATO|Nato|EU|European Union|
European Commission|European Parliament|European Central Bank|ECB|Council of Europe|OSCE|OPEC|OECD|IMF|
International Monetary Fund|World Bank|WTO|World Trade Organisation|World Trade Organization|WHO|
World Health Organisation|World Health Organization|Red Cross|Red Crescent|ICRC|Interpol|Europol|Amnesty International|
Human Rights Watch|Greenpeace|Medecins Sans Frontieres|Doctors Without Borders|African Union|Organisation of African Unity|
OAU|Arab League|ASEAN|APEC|G7|G8|G20|Commonwealth|Vatican|Hamas|Hezbollah|Taliban|al Qaeda|al-Qaeda|PLO|IRA|ETA|
Sinn Fein|Kremlin|Pentagon|White House|Congress|Senate|House of Representatives|House of Commons|House of Lords|
Bundestag|Bundesbank|Federal Reserve|Fed|FBI|CIA|NASA|KGB|FSB|MI5|MI6|Mossad|Supreme Court|Knesset|Duma|State Duma|
Politburo|Parliament|Foreign Office|State Department|Treasury|Home Office|Downing Street|Wall Street Journal|
New York Times|Washington Post|Financial Times|BBC|CNN|CBS|NBC|ABC|Fox News|Al Jazeera|Aljazeera|Reuters|
Associated Press|AP|AFP|Agence France-Presse|Agence France Presse|TASS|Itar-Tass|ITAR-TASS|Interfax|RIA Novosti|Xinhua|
Kyodo|Yonhap|ANSA|DPA|EFE|Bloomberg|Dow Jones|Nasdaq|NYSE|FIFA|UEFA|IOC|International Olympic Committee|ICC|
International Criminal Court|Microsoft|Apple|Google|Amazon.com|IBM|Intel|General Motors|GM|Ford|Toyota|Volkswagen|
Boeing|Airbus|Shell|Royal Dutch Shell|BP|Exxon|ExxonMobil|Gazprom|Rosneft|Siemens|Nestle|Sony|Samsung|Honda|Nissan|
Fiat|Renault|Peugeot|Daimler|Mercedes|BMW|Unilever|Coca-Cola|PepsiCo|McDonald's|Walmart|Wal-Mart|AT&T|Citigroup|
Goldman Sachs|Morgan Stanley|JP Morgan|J.P. Morgan|HSBC|Barclays|Deutsche Bank|UBS|Credit Suisse|Lloyds|
Standard & Poor's|Moody's|Fitch|Labour|Conservatives|Tories|Democrats|Republicans|Kuomintang|Likud`;

function list(text: string): string[] {
  return text.split('|').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Lower-cased surface -> type, for whole-span lookups. */
export const GAZETTEER: ReadonlyMap<string, 'place' | 'organization'> = (() => {
  const map = new Map<string, 'place' | 'organization'>();
  for (const s of [...list(COUNTRIES), ...list(CITIES), ...list(US_STATES), ...list(REGIONS)]) map.set(s.toLowerCase(), 'place');
  for (const s of list(ORGANIZATIONS)) map.set(s.toLowerCase(), 'organization');
  return map;
})();

/** Countries (lower case): a national team keeps its country's name and type. */
export const COUNTRY_NAMES: ReadonlySet<string> = new Set(list(COUNTRIES).map((s) => s.toLowerCase()));

/** Last words of event names (MISC in CoNLL terms, none of our three types): "World Cup", "U.S. Open". */
export const EVENT_SUFFIXES = new Set(list(`Cup|Open|Championship|Championships|Tour|Games|Olympics|Prix|Series|Trophy|
Final|Finals|Classic|Masters|Grand Slam|Marathon|Rally|Festival|Awards|Summit|War|Conference`));

/** Last words that make a proper-noun run an organisation ("Acme Corp", "Labour Party"). */
export const ORG_SUFFIXES = new Set(list(`Corp|Corp.|Corporation|Inc|Inc.|Incorporated|Ltd|Ltd.|Limited|LLC|Plc|PLC|plc|
AG|SA|S.A.|NV|N.V.|BV|GmbH|SpA|AB|ASA|Co|Co.|Company|Cos|Group|Holdings|Holding|Industries|International|Bank|Bancorp|Trust|
Fund|Capital|Partners|Securities|Investments|Airlines|Airways|Motors|Motor|Systems|Technologies|Technology|Telecom|
Communications|Pharmaceuticals|Energy|Oil|Petroleum|Steel|Mining|Media|Press|News|Times|Post|Journal|Herald|Tribune|
Gazette|Television|TV|Radio|Party|Ministry|Council|Committee|Commission|Assembly|Parliament|Congress|Senate|Government|
Cabinet|Department|Agency|Authority|Bureau|Office|Service|Services|Board|Union|Federation|Confederation|Association|
Society|Institute|Institution|Foundation|Organisation|Organization|League|Alliance|Front|Movement|Army|Navy|Force|
Forces|Police|Guard|Brigade|Court|Tribunal|University|College|School|Academy|Hospital|Church|Club|FC|F.C.|United|
Rovers|Athletic|Wanderers|Exchange|Reserve|Secretariat|Mission|Network|Railways|Railway`));

/** First words that make "X of Y" runs organisations ("Bank of England", "University of Chicago"). */
export const ORG_HEADS = new Set(list(`Bank|University|Ministry|Department|Council|Court|Commission|Committee|Board|
Office|Institute|Academy|Church|Federation|Association|Union|League|Party|Parliament|Chamber|House|Organisation|
Organization|Society|College|School|Bureau|Agency|Army|Navy|Embassy|Museum`));

/** Last or first words that make a proper-noun run a place ("Gulf of Mexico", "Hudson River"). */
export const PLACE_SUFFIXES = new Set(list(`River|Mountains|Mountain|Mount|Island|Islands|Isles|Lake|Sea|Ocean|Bay|Gulf|
Strait|Straits|Peninsula|Valley|Desert|Province|Region|Republic|Kingdom|State|Street|Avenue|Square|Road|Bridge|Canal|Coast|
Heights|Hills|Park|Airport|Stadium|Forest|Plain|Plains|Basin|Delta|Channel|County|District|Emirate|Oblast`));

/** Heads that make "X of Y" runs places ("Gulf of Mexico", "Republic of Ireland", "Strait of Hormuz"). */
export const PLACE_HEADS = new Set(list(`Gulf|Strait|Straits|Bay|Sea|Isle|Island|Lake|Mount|Republic|Kingdom|Cape|
Province|State|Sultanate|Emirate|Principality|Duchy|Port|Fort|Saint|St|St.|San|Santa|Sao|Los|Las|Port`));

/** Titles and honorifics: never part of a person's span, but evidence that a person follows. */
export const TITLES = new Set(list(`Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Miss|Dr|Dr.|Prof|Prof.|Professor|Sir|Dame|Lord|Lady|
President|Vice|Premier|Prime|Minister|Chancellor|Senator|Sen|Sen.|Rep|Rep.|Representative|Congressman|Congresswoman|
Governor|Gov|Gov.|Mayor|General|Gen|Gen.|Lieutenant|Lt|Lt.|Colonel|Col|Col.|Major|Maj|Maj.|Captain|Capt|Capt.|
Commander|Admiral|Adm|Adm.|Sergeant|Sgt|Sgt.|Corporal|Private|Marshal|Field|Brigadier|King|Queen|Prince|Princess|
Emperor|Empress|Sheikh|Sheik|Emir|Sultan|Ayatollah|Imam|Rabbi|Pope|Cardinal|Archbishop|Bishop|Reverend|Rev|Rev.|
Father|Sister|Brother|Saint|Judge|Justice|Ambassador|Secretary|Chairman|Chairwoman|Chair|Chief|Executive|Director|
Spokesman|Spokeswoman|Coach|Manager|Striker|Defender|Midfielder|Goalkeeper|Captain|Skipper|Champion|Deputy|Foreign|
Interior|Defence|Defense|Finance|Economy|Trade|Justice|Health|Agriculture|Energy|Labour|Labor|Leader|Opposition`));

/** Title words that alone (without a following name) are still evidence, like "President Clinton". */
export const STRONG_TITLES = new Set(list(`Mr|Mr.|Mrs|Mrs.|Ms|Ms.|Dr|Dr.|Prof|Prof.|Sir|Dame|Lord|Lady|President|
Premier|Minister|Chancellor|Senator|Sen.|Rep.|Governor|Gov.|Mayor|General|Gen.|Lt.|Colonel|Col.|Captain|Capt.|
Commander|Admiral|Sergeant|Sgt.|Marshal|King|Queen|Prince|Princess|Sheikh|Sheik|Emir|Sultan|Ayatollah|Imam|Rabbi|
Pope|Cardinal|Archbishop|Bishop|Reverend|Rev.|Judge|Justice|Ambassador|Secretary|Chairman|Coach|Manager|Striker|
Goalkeeper|Skipper|Spokesman|Spokeswoman|Leader|Deputy`));

/** Connectors allowed inside a proper-noun run when a head word licenses them. */
export const CONNECTORS = new Set(['of', 'for', 'and', '&', 'de', 'du', 'des', 'del', 'della', 'di', 'da', 'van', 'von', 'der', 'den', 'la', 'le', 'el', 'al', 'bin', 'ibn', 'on', 'the']);

/** Name particles that may sit inside a person's name in lower case. */
export const NAME_PARTICLES = new Set(['de', 'du', 'del', 'della', 'di', 'da', 'van', 'von', 'der', 'den', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'dos', 'das']);

/** Capitalised words that are never entities on their own (calendar words, pronouns, news boilerplate). */
export const NEVER_ENTITY = new Set(list(`I|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|
March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|
God|Internet|Christmas|Easter|Ramadan|Mon|Tue|Wed|Thu|Fri|Sat|Sun|AM|PM|GMT|EST|EDT|BST|CET|OK|TV|CEO|PRESS|DIGEST|
NEWSROOM|UPDATE|SOCCER|CRICKET|TENNIS|GOLF|RUGBY|BASEBALL|BASKETBALL|RESULTS|STANDINGS`).map((s) => s));

/** Nationality and religion adjectives compromise does not know as demonyms: CoNLL's MISC, never ours. */
export const DEMONYMS = new Set(list(`English|Spanish|French|British|Irish|Scottish|Welsh|Arab|Arabic|Tajik|Serb|Serbs|Croat|
Croats|Muslim|Muslims|Moslem|Moslems|Islamic|Jewish|Christian|Catholic|Protestant|Orthodox|Sunni|Shi'ite|Shia|Kurd|Kurdish|
Kurds|Palestinian|Palestinians|Yugoslav|Slovak|Czech|Swiss|Thai|Iraqi|Iranian|Afghan|Pakistani|Bangladeshi|Saudi|Kuwaiti|
Yemeni|Omani|Qatari|Emirati|Somali|Sudanese|Nepali|Uzbek|Kazakh|Turkmen|Kyrgyz|Chechen|Ossetian|Abkhaz|Tamil|Sinhalese|
Hindu|Sikh|Buddhist|Basque|Catalan|Flemish|Walloon|Cypriot|Maltese|Dane|Danes|Swede|Swedes|Finn|Finns|Pole|Poles|
Latino|Hispanic|Asian|African|Western|Eastern|Northern|Southern|Soviet|Communist|Socialist|Olympic|Olympics`));
