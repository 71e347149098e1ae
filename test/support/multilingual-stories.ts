/**
 * One event (Russia recognises the Taliban government, as in the seed story of content/),
 * reported in each language the text work must read: news-shaped texts written for these
 * tests. `word` is a content word of the text that search must find the story by, `form` an
 * other inflected form of a word of the text (languages with stems), `stopWords` function
 * words of the text that must never be keywords.
 */
export interface LanguageStory {
  language: string;
  title: string;
  body: string;
  word: string;
  form?: string;
  stopWords: string[];
}

export const STORIES: readonly LanguageStory[] = [
  {
    language: 'en',
    title: 'Russia becomes first nation to recognise the Taliban government',
    body: [
      'Russia has formally recognised the Taliban government in Afghanistan, the first country to do so since the group returned to power in 2021.',
      'The announcement was made on Thursday in Kabul by the Russian ambassador during a meeting with the Afghan foreign minister. The minister called the decision courageous and urged other nations to follow.',
      'Moscow said recognition would strengthen cooperation in energy, agriculture and transport. Western governments said the move rewards a regime that bars girls from school.',
    ].join('\n\n'),
    word: 'ambassador',
    stopWords: ['the', 'has', 'and', 'that'],
  },
  {
    language: 'ru',
    title: 'Россия первой признала правительство талибов в Афганистане',
    body: [
      'Россия официально признала правительство движения «Талибан» в Афганистане и стала первой страной, которая сделала это после возвращения группировки к власти в 2021 году.',
      'О решении в четверг в Кабуле объявил российский посол во время встречи с министром иностранных дел Афганистана. Министр назвал решение смелым и призвал другие государства последовать примеру России.',
      'В Москве заявили, что признание укрепит сотрудничество в энергетике, сельском хозяйстве и транспорте. Западные правительства считают, что это решение поощряет режим, который не пускает девочек в школы.',
      'Эксперты отмечают, что признание правительства талибов может изменить баланс сил в регионе. По их словам, другие страны Центральной Азии внимательно следят за действиями Москвы.',
    ].join('\n\n'),
    word: 'посол',
    form: 'правительством',
    stopWords: ['что', 'это', 'которая', 'после'],
  },
  {
    language: 'es',
    title: 'Rusia se convierte en el primer país que reconoce al gobierno talibán',
    body: [
      'Rusia ha reconocido formalmente al gobierno talibán de Afganistán y se ha convertido en el primer país que lo hace desde que el grupo volvió al poder en 2021.',
      'El anuncio lo hizo el jueves en Kabul el embajador ruso durante una reunión con el ministro de Asuntos Exteriores afgano. El ministro calificó la decisión de valiente y pidió a otras naciones que sigan el ejemplo.',
      'Moscú afirmó que el reconocimiento reforzará la cooperación en energía, agricultura y transporte. Los gobiernos occidentales consideran que la medida premia a un régimen que prohíbe a las niñas ir a la escuela.',
    ].join('\n\n'),
    word: 'embajador',
    form: 'gobiernos',
    stopWords: ['que', 'el', 'los', 'una'],
  },
  {
    language: 'pt',
    title: 'Rússia torna-se o primeiro país a reconhecer o governo talibã',
    body: [
      'A Rússia reconheceu formalmente o governo talibã do Afeganistão e tornou-se o primeiro país a fazê-lo desde que o grupo voltou ao poder em 2021.',
      'O anúncio foi feito na quinta-feira em Cabul pelo embaixador russo durante uma reunião com o ministro dos Negócios Estrangeiros afegão. O ministro classificou a decisão de corajosa e pediu a outras nações que sigam o exemplo.',
      'Moscovo afirmou que o reconhecimento vai reforçar a cooperação na energia, na agricultura e nos transportes. Os governos ocidentais consideram que a medida recompensa um regime que proíbe as raparigas de ir à escola.',
    ].join('\n\n'),
    word: 'embaixador',
    form: 'governos',
    stopWords: ['que', 'uma', 'foi', 'dos'],
  },
  {
    language: 'fr',
    title: 'La Russie devient le premier pays à reconnaître le gouvernement taliban',
    body: [
      'La Russie a officiellement reconnu le gouvernement taliban en Afghanistan, devenant le premier pays à le faire depuis le retour du groupe au pouvoir en 2021.',
      "L'annonce a été faite jeudi à Kaboul par l'ambassadeur russe lors d'une rencontre avec le ministre afghan des Affaires étrangères. Le ministre a qualifié la décision de courageuse et a appelé les autres nations à suivre cet exemple.",
      'Moscou a affirmé que la reconnaissance renforcera la coopération dans l’énergie, l’agriculture et les transports. Les gouvernements occidentaux estiment que cette mesure récompense un régime qui interdit l’école aux filles.',
    ].join('\n\n'),
    word: 'ambassadeur',
    form: 'gouvernements',
    stopWords: ['les', 'une', 'qui', 'dans'],
  },
  {
    language: 'de',
    title: 'Russland erkennt als erstes Land die Taliban-Regierung an',
    body: [
      'Russland hat die Regierung der Taliban in Afghanistan offiziell anerkannt und ist damit das erste Land, das diesen Schritt seit der Rückkehr der Gruppe an die Macht im Jahr 2021 geht.',
      'Die Ankündigung machte der russische Botschafter am Donnerstag in Kabul bei einem Treffen mit dem afghanischen Außenminister. Der Minister nannte die Entscheidung mutig und forderte andere Staaten auf, dem Beispiel zu folgen.',
      'Moskau erklärte, die Anerkennung werde die Zusammenarbeit bei Energie, Landwirtschaft und Verkehr stärken. Westliche Regierungen kritisieren, dass der Schritt ein Regime belohne, das Mädchen den Schulbesuch verbietet.',
    ].join('\n\n'),
    word: 'botschafter',
    form: 'regierungen',
    stopWords: ['die', 'und', 'das', 'einem'],
  },
  {
    language: 'ar',
    title: 'روسيا أول دولة تعترف بحكومة طالبان في أفغانستان',
    body: [
      'اعترفت روسيا رسميا بحكومة حركة طالبان في أفغانستان، لتصبح أول دولة تقوم بذلك منذ عودة الحركة إلى السلطة في عام 2021.',
      'وأعلن السفير الروسي القرار يوم الخميس في كابول خلال لقاء مع وزير الخارجية الأفغاني. ووصف الوزير القرار بأنه شجاع ودعا الدول الأخرى إلى أن تحذو حذو روسيا.',
      'وقالت موسكو إن الاعتراف سيعزز التعاون في مجالات الطاقة والزراعة والنقل. هل يفتح هذا القرار الباب أمام اعتراف دول أخرى؟ ترى الحكومات الغربية أن الخطوة تكافئ نظاما يمنع الفتيات من الذهاب إلى المدارس.',
      'ويقول محللون إن الاعتراف الروسي قد يغير موازين القوى في المنطقة. ويضيفون أن دول آسيا الوسطى تتابع خطوات موسكو عن كثب.',
    ].join('\n\n'),
    word: 'السفير',
    form: 'الحكومة',
    stopWords: ['في', 'إلى', 'من', 'أن'],
  },
  {
    language: 'fa',
    title: 'روسیه نخستین کشوری شد که حکومت طالبان را به رسمیت شناخت',
    body: [
      'روسیه به طور رسمی حکومت طالبان در افغانستان را به رسمیت شناخت و نخستین کشوری شد که پس از بازگشت این گروه به قدرت در سال ۲۰۲۱ چنین کرد.',
      'سفیر روسیه روز پنجشنبه در کابل در دیدار با وزیر امور خارجه افغانستان این تصمیم را اعلام کرد. وزیر این تصمیم را شجاعانه خواند و از کشورهای دیگر خواست که از روسیه پیروی کنند.',
      'مسکو اعلام کرد که این به رسمیت شناختن همکاری در زمینه انرژی، کشاورزی و حمل و نقل را تقویت خواهد کرد. دولت‌های غربی می‌گویند این اقدام به حکومتی پاداش می‌دهد که دختران را از رفتن به مدرسه منع کرده است.',
    ].join('\n\n'),
    word: 'سفیر',
    stopWords: ['در', 'که', 'را', 'این'],
  },
  {
    language: 'zh',
    title: '俄罗斯成为首个正式承认塔利班政府的国家',
    body: [
      '俄罗斯正式承认阿富汗塔利班政府，成为该组织2021年重新掌权以来第一个这样做的国家。俄罗斯驻阿富汗大使周四在喀布尔与阿富汗外交部长会面时宣布了这一决定。',
      '阿富汗外交部长称这一决定很有勇气，并呼吁其他国家效仿。他说，这将开启建设性接触和相互尊重的新时代！俄罗斯外交部表示，正式承认将加强双方在能源、农业和交通等领域的合作。',
      '西方国家政府批评说，此举是在奖励一个禁止女孩上学的政权。分析人士认为，俄罗斯的承认可能改变地区力量平衡，中亚国家正在密切关注莫斯科的动向。其他国家会不会效仿俄罗斯？目前还没有答案。',
    ].join('\n\n'),
    word: '塔利班',
    stopWords: ['的', '了', '和', '在'],
  },
  {
    language: 'ja',
    title: 'ロシア、タリバン政権を初めて正式承認',
    body: [
      'ロシアはアフガニスタンのタリバン政権を正式に承認した。2021年にタリバンが権力に復帰して以来、承認した国はロシアが初めてとなる。',
      'ロシアの大使が木曜日、首都カブールでアフガニスタンの外相と会談した際に決定を伝えた。外相は決定を勇気あるものだと評価し、他の国々にも続くよう呼びかけた。',
      '欧米諸国の政府は、女子の教育を禁じる政権に報いるものだと批判している。',
    ].join('\n\n'),
    word: '大使',
    stopWords: ['の', 'に', 'を', 'は'],
  },
];

/** The story of a language (throws when the list has none: a test's own mistake). */
export function storyIn(language: string): LanguageStory {
  const story = STORIES.find((s) => s.language === language);
  if (story === undefined) throw new Error(`no test story in ${language}`);
  return story;
}
