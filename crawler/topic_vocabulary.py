"""Words that signal each IPTC Media Topic (top level) in news text, and section names.

Written from ordinary newsroom vocabulary in English, French, German and Arabic. Notation,
one term per space-separated item (underscores join the words of a phrase):

- ``word`` matches that word; ``stem*`` any word that starts with it (``elect*``:
  election, electoral, electorate); ``*tail`` any word that ends with it, for German
  compounds (``*krieg``: Bürgerkrieg); ``world_cup`` the two words in a row;
- ``term:2`` counts twice (words that name the topic outright: "ceasefire", "Bundesliga").

Terms are folded like the text (:func:`crawler.tokens.fold`), so accents and case do not
matter. Arabic terms are written without the article or clitics, which the matcher strips
("والانتخابات" -> انتخابات).
"""

from __future__ import annotations

VOCABULARY: dict[str, dict[str, str]] = {
    "conflict-war-peace": {
        "en": """
            war:2 wars warfare ceasefire:2 truce:2 armistice army:2 armies troops:2 soldier*
            military militar* militia* rebel* insurgen* jihadist* airstrike*:2 air_strike:2
            air_strikes:2 bombard*:2 shelling:2 shelled artillery:2 missile* rocket rockets
            drone_strike drone_strikes strike strikes offensive:2 frontline front_line battle*
            fighting:2 clashes clash combat* invasion invade* occupation occupied siege besieged
            warplane* fighter_jets tank tanks killed casualt* wounded refugee* displaced
            humanitarian peace_talks peace_process peace_deal peacekeep* hostage* massacre* genocide
            war_crimes armed_forces armed_groups ground_operation gunmen airstrikes bomb* raid*
            explosive* ambush* mortar* sniper* landmine* regime_forces loyalist* stronghold*
            recapture* airbase nato
        """,
        "fr": """
            guerre:2 guerres cessez-le-feu:2 treve:2 armee:2 armees troupes:2 soldat* militaire*
            milice* rebelle* insurge* jihadiste* djihadiste* frappe*:2 bombardement*:2 bombarde*
            pilonnage* artillerie:2 missile* roquette* drone* offensive:2 front combat* combats:2
            affrontement*:2 invasion occupation siege assiege* char chars tue tues tuee tuees tuer
            blesse* victime* refugie* deplace* humanitaire* pourparlers accord_de_paix
            processus_de_paix paix otage* massacre* genocide crimes_de_guerre forces_armees casque*
            embuscade* obus explosion* explosif* mortier* tireur* bastion* hostilites
        """,
        "de": """
            krieg:2 *krieg:2 kriege kriegs* waffenruhe:2 waffenstillstand:2 feuerpause:2 armee:2
            truppen:2 soldat* militar* miliz* rebell* aufstand* aufstandisch* dschihadist*
            luftangriff*:2 angriff* *angriff *angriffe *angriffen bombard* beschuss:2 artillerie:2
            rakete* *rakete* drohne* offensive:2 front* kampf* kampfe:2 gefecht* invasion besatzung*
            belager* panzer* getotet* tote verletzt* opfer flucht* fluchtling* vertrieben*
            humanitar* friedensgesprach* friedens* frieden geisel* massaker volkermord
            kriegsverbrechen streitkrafte nato granat* hinterhalt* explosion* sprengsatz*
            scharfschutz* hilfskonvoi* kontrollpunkt*
        """,
        "ar": """
            حرب:2 حروب الحرب:2 هدنه:2 وقف_اطلاق وقف_النار اطلاق_النار جيش:2 الجيش:2 جنود:2 قوات:2
            عسكري* مليشي* ميليشي* متمرد* مسلح* جهادي* غاره:2 غارات:2 قصف:2 مدفعي* صاروخ* صواريخ
            قذيف* طائره_مسيره طائرات_مسيره هجوم:2 هجمات معارك:2 معركه اشتباك*:2 اجتياح احتلال حصار:2
            دبابه دبابات قتلي:2 قتل* مقتل:2 جرحي اصاب* لاجئ* نازح* نزوح انساني* مفاوضات_السلام
            سلام:1 رهائن رهينه مجزره ابادة جرائم_حرب القوات_المسلحه كمين انفجار* تفجير* عبوه قناص*
            الحلف_الاطلسي الناتو المعارضه_المسلحه
        """,
    },
    "politics": {
        "en": """
            politic*:2 government:2 governments parliament*:2 minister* ministry president*:2
            presidency prime_minister:2 cabinet election*:2 electoral:2 vote* voter* ballot*
            referendum:2 campaign* candidate* opposition:2 coalition:2 party parties senate*
            congress* lawmaker*:2 legislat* mp mps deputies democra* diplomat*:2 diplomacy summit*
            sanction* foreign_minister foreign_ministry regime:2 constitution* constitutional
            reform* decree* policy policies mandate resign* impeach* ambassador* embassy conference
            talks negotiat* treaty un_security_council united_nations national_council
            national_coalition arab_league european_union spokesperson spokesman governor* mayor*
            majority
        """,
        "fr": """
            politique*:2 gouvernement*:2 parlement*:2 ministre* ministere president*:2 presidence
            premier_ministre:2 election*:2 electora*:2 vote* votant* electeur* scrutin*:2
            referendum:2 campagne candidat* opposition:2 coalition:2 parti partis senat* assemblee
            depute*:2 legislat* democra* diplomat*:2 diplomatie sommet* sanction* constitution*
            constitutionnel* reforme* loi lois decret* mandat demission* ambassade* ambassadeur*
            conference negociation* traite majorite decentralisation budget_de_l_etat porte-parole
            elu elus maire* conseil_de_securite
        """,
        "de": """
            politik*:2 *politik* politisch* regierung*:2 *regierung parlament*:2 bundestag:2
            landtag* minister* *minister ministerium prasident*:2 kanzler*:2 wahl*:2 *wahl:2 wahler*
            abstimmung* referendum:2 wahlkampf* kandidat* opposition:2 koalition*:2 partei* *partei
            senat* abgeordnet*:2 gesetz* *gesetz demokrat* diplomat*:2 diplomatie gipfel* sanktion*
            verfassung* reform* dekret* mandat rucktritt* botschaft* botschafter* verhandlung*
            vertrag mehrheit* haushalt* sprecher burgermeister* sicherheitsrat vereinten_nationen
        """,
        "ar": """
            سياس*:2 حكوم*:2 برلمان*:2 مجلس_النواب مجلس_الشعب نواب نائب وزير* وزاره رئيس:2 رئاسه
            رئاسي* رؤساء رئيس_الوزراء:2 انتخاب*:2 اقتراع*:2 تصويت* ناخب* استفتاء:2 حمله مرشح*
            معارضه:2 المعارضه:2 ائتلاف:2 حزب* احزاب مجلس_الشيوخ الكونغرس تشريع* ديمقراط* دبلوماس*:2
            قمه عقوبات دستور* اصلاح* قانون قوانين مرسوم ولايه استقال* سفير* سفاره مؤتمر مفاوضات
            معاهده اغلبيه النظام مجلس_الامن الامم_المتحده الجامعه_العربيه الاتحاد_الاوروبي متحدث
            ناطق محافظ*
        """,
    },
    "economy-business-finance": {
        "en": """
            econom*:2 business* market*:2 stock*:2 shares share_price investor*:2 investment*:2
            invest invests invested bank*:2 banking central_bank:2 interest_rate*:2 inflation:2
            gdp:2 growth recession:2 unemployment:2 jobless trade:2 tariff*:2 export* import imports
            imported company companies firms corporat* profit* revenue* earnings sales deal merger*
            acquisition* ipo startup* billion:2 million percent currency:2 dollar* euro* oil_price*
            prices price consumer* budget* debt:2 deficit* loan* bond* fiscal tax taxes taxation
            finance* financial:2 fund funds funding industry industrial manufactur* retail* exchange
            index ceo:2 chief_executive benchmark commodit* crude opec
        """,
        "fr": """
            econom*:2 entreprise* marche marches bourse*:2 action* actionnaire* investissement*:2
            investisseur*:2 banque*:2 bancaire* banque_centrale:2 taux:2 taux_d_interet:2
            inflation:2 pib:2 croissance recession:2 chomage:2 emploi* commerce* commercia* tarif*
            douan* export* import* societe* benefice* chiffre_d_affaires ventes fusion* acquisition*
            milliard*:2 million* pour_cent devise*:2 dollar* euro* petrole prix consommat* budget*
            dette:2 deficit* pret* obligation* fiscal* impot* financ*:2 fonds industri* usine*
            indice* pdg:2 patron* salaire* monnaie*
        """,
        "de": """
            wirtschaft*:2 *wirtschaft ökonom* okonom* unternehmen *unternehmen konzern* markt*
            *markt borse*:2 aktie*:2 *aktie aktionar* invest*:2 bank*:2 *bank zentralbank:2
            leitzins:2 zins*:2 inflation:2 bip:2 wachstum* rezession:2 arbeitslos*:2 handel* zoll
            zolle *zolle export* import* gewinn* umsatz*:2 fusion* ubernahme* milliard*:2 million*
            prozent wahrung*:2 dollar euro ol olpreis* preis* *preis *preise verbraucher* haushalt*
            schulden defizit* kredit* anleihe* steuer* finanz*:2 fonds industrie* fabrik* index
            dax:2 konjunktur*:2 firma
        """,
        "ar": """
            اقتصاد*:2 شرك* سوق:2 اسواق بورص*:2 اسهم:2 سهم مستثمر*:2 استثمار*:2 بنك*:2 مصرف*:2
            البنك_المركزي:2 الفائده:2 فائده تضخم:2 التضخم:2 الناتج_المحلي نمو ركود:2 بطاله:2 تجار*:2
            رسوم_جمركيه جمارك صادرات واردات ارباح ايرادات مبيعات صفقه اندماج استحواذ مليار:2 مليون
            دولار* يورو عمله:2 النفط:2 نفط اسعار:2 سعر مستهلك* ميزاني*:2 ديون:2 عجز قرض* سندات ضريب*
            ضرائب مالي*:2 تمويل*:2 صندوق صناع* مصنع* مؤشر:2 متعامل*
        """,
    },
    "sport": {
        "en": """
            sport*:2 football:2 soccer:2 match matches game games goal*:2 scored score* league*:2
            championship*:2 tournament*:2 cup:2 world_cup:2 olympic*:2 medal*:2 team* coach*:2
            player*:2 striker*:2 goalkeeper*:2 midfield* defender* club*:2 season* title titles
            final:2 finals finalist* semi-final quarter-final stadium*:2 fans supporter* kick-off
            penalty penalties referee* draw win wins winning winner* victory defeat* beat tennis:2
            golf:2 basketball:2 rugby:2 cricket:2 athlet*:2 marathon:2 race races racing sprint*
            cyclist* formula_one grand_prix champion*:2 record transfer* hat-trick:2 hat_trick:2
            halftime half-time minute* points derby tally knockout
        """,
        "fr": """
            sport*:2 football:2 foot match*:2 but buts:2 marque* championnat*:2 tournoi*:2 coupe:2
            coupe_du_monde:2 olympique*:2 medaille*:2 equipe*:2 entraineur*:2 joueur*:2 attaquant*
            gardien*:2 milieu_de_terrain defenseur* club*:2 saison* titre* finale*:2 demi-finale
            stade*:2 supporter* penalty arbitre* victoire* defaite* tennis:2 golf:2 basket*:2
            rugby:2 athlet*:2 marathon:2 course* cycliste* grand_prix champion*:2 record transfert*
            triple mi-temps minute* points classement* ligue*:2 score rencontre* carton_rouge
        """,
        "de": """
            sport*:2 *sport fussball*:2 spiel*:2 tor:2 tore:2 toren liga:2 *liga bundesliga:2
            meisterschaft*:2 *meisterschaft turnier*:2 pokal*:2 weltmeisterschaft:2 wm:2 olympi*:2
            medaille*:2 mannschaft*:2 *mannschaft trainer*:2 spieler*:2 sturmer* torwart*:2
            torhuter* verein*:2 saison* titel finale*:2 halbfinale stadion*:2 fans elfmeter*
            schiedsrichter* unentschieden sieg*:2 niederlage* tennis:2 golf:2 basketball:2
            handball:2 athlet* leichtathlet* marathon:2 rennen radrenn* weltmeister*:2 meister*
            rekord* transfer* hattrick:2 halbzeit minute* punkte tabelle* derby rote_karte
        """,
        "ar": """
            رياضه:2 رياضي:2 رياضيه:2 كره_القدم:2 كره مباراه:2 مباريات:2 هدف اهداف:2 سجل دوري:2
            بطول*:2 كاس:2 كاس_العالم:2 اولمبي*:2 ميدالي*:2 فريق*:2 منتخب*:2 مدرب*:2 لاعب*:2 مهاجم*
            حارس*:2 مدافع نادي:2 اندي* موسم* لقب* نهائي*:2 نصف_النهائي ملعب*:2 جماهير مشجع*
            ركله_جزاء تعادل فوز فاز هزيمه خساره تنس:2 غولف كره_السله:2 رجبي عداء ماراثون:2 سباق*
            دراج* بطل*:2 رقم_قياسي انتقال* ثلاثيه:2 الشوط دقيقه نقطه نقاط الصداره ترتيب
        """,
    },
    "science-technology": {
        "en": """
            science*:2 scientist*:2 scientific:2 research* researcher*:2 study studies laborator*
            experiment* discover* species fossil*:2 physic* chemist* biolog* astronom* space nasa:2
            satellite*:2 spacecraft launch* planet* telescope* orbit* mission climate_scientist
            geolog* technolog*:2 tech:2 digital software:2 hardware computer* internet:2 online app
            apps smartphone*:2 artificial_intelligence:2 ai:2 algorithm* data cyber*:2 hack* chip*:2
            semiconductor*:2 robot*:2 startup* 5g:2 network* telecom* broadband platform*
            innovation* engineer* peer-reviewed:2 journal genome* dna quantum:2 electric_vehicle*
            battery batteries encryption user users user_data personal_data data_breach
            facial_recognition cloud_computing electric_cars electric_car self-driving regulator*
            tech_giant*
        """,
        "fr": """
            science*:2 scientifique*:2 recherche*:2 chercheur*:2 etude* laboratoire* experience*
            decouver* espece* fossile*:2 physique chimi* biolog* astronom* espace spatial*:2
            satellite*:2 fusee* planete* telescope* orbite* geolog* technolog*:2 numerique:2
            logiciel*:2 informati*:2 ordinateur* internet:2 en_ligne application* smartphone*:2
            intelligence_artificielle:2 ia:2 algorithme* donnees cyber*:2 piratage* pirate* puce*:2
            semi-conducteur*:2 robot*:2 start-up* startup* 5g:2 reseau reseaux telecom* plateforme*
            innovation* ingenieur* revue_a_comite genome adn quantique:2 batterie* utilisateur*
            donnees_personnelles fuite_de_donnees reconnaissance_faciale cloud informatique_en_nuage
            voitures_electriques vehicules_electriques regulateur* geants_du_numerique
            geant_du_numerique
        """,
        "de": """
            wissenschaft*:2 *wissenschaft *wissenschaftler forsch*:2 *forschung studie* labor*
            experiment* entdeck* fossil*:2 physik* chemi* biolog* astronom* raumfahrt:2 weltraum*:2
            satellit*:2 planet* teleskop* umlaufbahn geolog* technolog*:2 technik* digital*:2
            software:2 computer* internet:2 online app smartphone*:2 kunstliche_intelligenz:2 ki:2
            algorithm* daten* cyber*:2 hacker* chip*:2 halbleiter*:2 roboter*:2 start-up* startup*
            5g:2 netz* *netz telekom* plattform* innovation* ingenieur* fachzeitschrift* genom* dna
            quanten*:2 batterie* akku* nutzer* nutzerdaten kundendaten datenschutz* datenleck*
            gesichtserkennung cloud elektroauto* e-auto* e-autos regulierer* tech-konzern*
            techkonzern*
        """,
        "ar": """
            علوم:2 علماء:2 علمي:2 علميه:2 بحث باحث*:2 دراسه دراسات مختبر* تجرب* اكتشاف* احفور*:2
            فيزياء كيمياء احياء فلك* فضاء:2 الفضاء:2 ناسا:2 قمر_صناعي:2 اقمار_صناعيه:2 كوكب* تلسكوب
            مدار جيولوج* تكنولوج*:2 تقني*:2 رقمي*:2 برمجيات:2 برنامج حاسوب* كمبيوتر انترنت:2
            الانترنت:2 تطبيق* هاتف_ذكي هواتف_ذكيه الذكاء_الاصطناعي:2 خوارزمي* بيانات سيبراني*:2
            اختراق* قرصن* رقاقات:2 رقائق:2 اشباه_الموصلات:2 روبوت*:2 ناشئه شبكه شبكات اتصالات منصه
            منصات ابتكار* مهندس* مجله_علميه جينوم الحمض_النووي كمومي* بطاري* مستخدم*
            البيانات_الشخصيه تسريب_البيانات التعرف_علي_الوجه الحوسبه_السحابيه سحابي*
            السيارات_الكهربائيه سيارات_كهربائيه الدفع_الالكتروني الكتروني* منظم* شركات_التكنولوجيا
        """,
    },
    "arts-culture-entertainment": {
        "en": """
            culture:2 cultural:2 art:2 arts:2 artist*:2 museum*:2 exhibit*:2 gallery galleries
            film*:2 movie*:2 cinema:2 filmmaker* actor* actress* festival*:2 music*:2 musician*
            concert*:2 album*:2 song* singer* band theatre* theater* opera:2 ballet dance* novel*:2
            book*:2 author* writer* poet* poetry literar*:2 prize award* oscar*:2 box_office
            premiere* television tv series shows celebrity heritage:2 archaeolog* painting*
            sculpture* mosaic* manuscript* newspaper media journalis* broadcaster* streaming netflix
            hollywood social_media
        """,
        "fr": """
            culture*:2 culturel*:2 art:2 arts:2 artiste*:2 musee*:2 exposition*:2 galerie* film*:2
            cinema*:2 realisat* acteur* actrice* festival*:2 musique*:2 musicien* concert*:2
            album*:2 chanson* chanteu* theatre* opera:2 ballet danse* roman*:2 livre*:2 auteur*
            ecrivain* poete* poesie litter*:2 prix cesar* oscar* box-office premiere television
            serie* emission* celebrit* patrimoine:2 archeolog* peinture* tableau* sculpture*
            mosaique* manuscrit* journal medias journalist* diffus* streaming reseaux_sociaux
        """,
        "de": """
            kultur*:2 *kultur kulturell*:2 kunst:2 *kunst kunstler*:2 museum*:2 musee ausstellung*:2
            galerie* film*:2 *film kino*:2 regisseur* schauspieler* festival*:2 musik*:2 *musik
            musiker* konzert*:2 album*:2 lied* sanger* band theater*:2 buhne* oper:2 ballett tanz*
            roman*:2 buch* *buch autor autorin autoren schriftsteller* dichter* literatur*:2 oscar*
            premiere* fernseh* serie* show* prominent* erbe:2 archaolog* gemalde* skulptur* mosaik*
            handschrift* zeitung* medien journalist* streaming soziale_netzwerke sozialen_netzwerken
            sozialen_medien
        """,
        "ar": """
            ثقاف*:2 فن:2 فنون:2 فنان*:2 متحف:2 متاحف:2 معرض:2 معارض غاليري فيلم:2 افلام:2 سينما*:2
            مخرج* ممثل* مهرجان*:2 موسيق*:2 حفل* البوم اغني*:2 مغن* فرقه مسرح*:2 اوبرا باليه رقص
            روايه:2 روائي كتاب* مؤلف* شاعر* شعر ادب*:2 جائزه جوائز اوسكار شباك_التذاكر عرض_اول
            تلفزيون* مسلسل* برنامج مشاهير تراث:2 اثار*:2 اثري* لوحه لوحات نحت فسيفساء مخطوط* صحيف*
            اعلام اعلامي* صحفي* بث مواقع_التواصل
        """,
    },
    "health": {
        "en": """
            health:2 healthcare:2 hospital*:2 patient*:2 doctor*:2 nurse* medic* medicine*
            disease*:2 virus*:2 viral outbreak*:2 epidemic*:2 pandemic*:2 infect*:2 vaccin*:2
            covid*:2 cholera:2 measles:2 malaria:2 tuberculosis:2 cancer*:2 diabet* heart treatment*
            therap* drug* pharma* clinic* surgery surgeon* mental_health obesity
            world_health_organization symptom* diagnos* illness* sick* public_health:2
            health_ministry nutrition ambulance* mortality
        """,
        "fr": """
            sante:2 hopital:2 hopitaux:2 patient*:2 medecin*:2 infirmi* medica* medical* maladie*:2
            virus:2 viral* epidemie*:2 pandemie*:2 infect*:2 vaccin*:2 covid*:2 cholera:2 rougeole:2
            paludisme:2 tuberculose:2 cancer*:2 diabete* cardiaque traitement* therap* pharma*
            clinique* chirurgi* sante_mentale obesite oms symptome* diagnostic* soins sanitaire*:2
            nutrition ambulance* mortalite
        """,
        "de": """
            gesundheit*:2 *gesundheit krankenhaus*:2 *krankenhaus kliniken klinik*:2 patient*:2
            arzt:2 arzte:2 arztin* pflege* medizin*:2 medikament* krankheit*:2 *krankheit virus:2
            viren erreger ausbruch epidemie*:2 pandemie*:2 infektion*:2 *infektion impf*:2 covid*:2
            corona* cholera:2 masern:2 malaria:2 tuberkulose:2 krebs*:2 diabetes herz* behandlung*
            therapie* pharma* chirurg* psychisch* ubergewicht who weltgesundheitsorganisation
            symptom* diagnose* gesundheitsbehord* ernahrung sterblichkeit
        """,
        "ar": """
            صحه:2 صحي:2 صحيه:2 مستشف*:2 مريض* مرضي:2 طبيب*:2 اطباء:2 ممرض* طبي*:2 دواء ادويه مرض*:2
            فيروس*:2 تفشي*:2 وباء:2 اوبئه جائحه:2 عدوي:2 اصابات لقاح*:2 تطعيم* كوفيد*:2 كورونا:2
            الكوليرا:2 كوليرا:2 الحصبه:2 الملاريا:2 السل:2 سرطان*:2 سكري القلب علاج*:2 ادوي* عياد*
            جراح* الصحه_النفسيه سمنه منظمه_الصحه_العالميه اعراض تشخيص اسعاف تغذيه
        """,
    },
    "crime-law-justice": {
        "en": """
            crime:2 crimes:2 criminal*:2 police:2 policeman officer* arrest*:2 detain* custody
            suspect*:2 court*:2 judge*:2 trial*:2 jury prosecut*:2 lawyer* attorney* sentence*
            sentenced:2 prison*:2 jail*:2 convict*:2 murder*:2 homicide* robbery* theft fraud:2
            corruption:2 bribe* smuggl* trafficking:2 drug_trafficking gang* investigation*
            investigator* charged charges indict* verdict*:2 acquit* appeal lawsuit* justice:2
            supreme_court:2 human_rights
        """,
        "fr": """
            crime:2 crimes:2 criminel*:2 police:2 policier* gendarm* arrest*:2 interpell*:2
            garde_a_vue suspect*:2 tribunal:2 tribunaux juge*:2 proces:2 jury parquet procureur*:2
            avocat* condamn*:2 peine* prison*:2 detenu* meurtre*:2 homicide* assassinat* fraude:2
            corruption:2 pot-de-vin contrebande trafic*:2 gang* enquete*:2 enqueteur* inculp*
            mis_en_examen verdict*:2 acquitt* plainte* justice:2 cour_supreme:2 droits_de_l_homme
        """,
        "de": """
            verbrech*:2 kriminal*:2 polizei*:2 polizist* festnahme*:2 festgenommen:2 verhaft*:2
            haft* verdacht* verdachtig* gericht*:2 *gericht richter*:2 prozess*:2 staatsanwalt*:2
            anwalt* verurteil*:2 urteil*:2 strafe gefangnis*:2 mord*:2 *mord totschlag raub*
            diebstahl betrug*:2 korruption:2 bestechung* schmuggel* bande* ermittl*:2 anklage*:2
            angeklagt* freispruch* berufung klage* justiz*:2 menschenrechte
        """,
        "ar": """
            جريم*:2 جرائم:2 جنائي*:2 شرطه:2 شرطي اعتقال*:2 اعتقل* توقيف*:2 احتجاز* مشتبه*:2 محكم*:2
            قاض*:2 قضاه محاكمه:2 نيابه المدعي_العام:2 محام* حكم_علي سجن*:2 سجين* ادان* قتل_عمد
            جريمه_قتل سرقه احتيال:2 فساد:2 رشو* تهريب* اتجار*:2 عصابه عصابات تحقيق*:2 محقق* تهم تهمه
            لائحه_اتهام براءه استئناف دعوي قضاء*:2 حقوق_الانسان
        """,
    },
    "disaster-accident-emergency": {
        "en": """
            disaster*:2 earthquake*:2 quake:2 tsunami:2 flood*:2 flooding:2 landslide*:2
            hurricane*:2 cyclone*:2 typhoon*:2 storm thunderstorm* wildfire*:2 blaze fire fires
            firefighter* volcan*:2 eruption drought* famine* accident*:2 crash*:2 collision derail*
            shipwreck capsiz* collapsed_building rescue*:2 rescuer* emergency evacuat*:2 survivor*
            death_toll:2 victims missing injured aid_agencies relief
        """,
        "fr": """
            catastrophe*:2 seisme*:2 tremblement_de_terre:2 tsunami:2 inondation*:2 crue*
            glissement* ouragan*:2 cyclone*:2 typhon*:2 tempete* incendie*:2 volcan*:2 eruption
            secheresse* famine* accident*:2 collision deraill* naufrage* chavir* effondrement*
            secours:2 secouriste* sauvet* urgence:2 evacu*:2 survivant* bilan victimes disparus
            blesses
        """,
        "de": """
            katastrophe*:2 *katastrophe erdbeben*:2 beben tsunami:2 uberschwemmung*:2 hochwasser:2
            flut* erdrutsch*:2 hurrikan*:2 wirbelsturm*:2 taifun*:2 sturm* waldbrand*:2 brand brande
            *brand vulkan*:2 durre* hungersnot unfall*:2 *unfall:2 absturz* zusammenstoss entgleis*
            schiffsungluck kenter* einsturz* rettung*:2 retter* notfall* notstand evakuier*:2
            uberlebend* opferzahl vermisst* verletzte
        """,
        "ar": """
            كارث*:2 زلزال:2 زلازل هزه_ارضيه تسونامي:2 فيضان*:2 سيول:2 انهيار_ارضي اعصار:2 عاصفه
            عواصف حريق*:2 حرائق:2 بركان*:2 جفاف مجاعه حادث*:2 تحطم* اصطدام غرق انهيار انقاذ:2 مسعف*
            طوارئ:2 اجلاء:2 ناج* حصيله ضحايا مفقود* مصاب*
        """,
    },
    "environment": {
        "en": """
            environment*:2 climate:2 climate_change:2 global_warming:2 emission*:2 carbon:2 co2
            greenhouse:2 pollution:2 pollut* renewable*:2 solar wind_farm* fossil_fuel*
            deforestation:2 biodiversity:2 wildlife conservation* endangered extinction coral_reef*
            glacier* ice_sheet sea_level* recycl* plastic* waste sustainab* ecolog* cop28 cop29
            paris_agreement
        """,
        "fr": """
            environnement*:2 climat*:2 rechauffement:2 emission*:2 carbone:2 co2 serre pollution:2
            pollu* renouvelable*:2 solaire eolien* fossile* deforestation:2 biodiversite:2 faune
            conservation espece_menacee extinction recif* glacier* niveau_de_la_mer recycl*
            plastique* dechet* durable* ecolog*
        """,
        "de": """
            umwelt*:2 *umwelt klima*:2 *klima erderwarmung:2 emission*:2 co2:2 kohlendioxid
            treibhaus*:2 verschmutzung* erneuerbar*:2 solar* windkraft* fossil* abholzung:2
            artenvielfalt:2 biodiversitat:2 naturschutz* artenschutz aussterben korallenriff*
            gletscher* meeresspiegel* recycling plastik* mull abfall* nachhaltig* okolog*
        """,
        "ar": """
            بيئ*:2 مناخ*:2 التغير_المناخي:2 الاحتباس_الحراري:2 انبعاث*:2 الكربون:2 كربون تلوث:2
            ملوث* متجدده:2 الطاقه_الشمسيه رياح الوقود_الاحفوري ازاله_الغابات التنوع_البيولوجي:2
            الحياه_البريه مهدده_بالانقراض انقراض الشعاب_المرجانيه:2 جليد* منسوب_البحر تدوير بلاستيك*
            نفايات:2 مستدام* استدامه
        """,
    },
    "education": {
        "en": """
            education*:2 school*:2 student*:2 pupil* teacher*:2 university:2 universities:2 college*
            campus tuition curriculum* exam*:2 classroom* literacy graduate* academic* scholarship*
        """,
        "fr": """
            education:2 ecole*:2 eleve*:2 etudiant*:2 enseignant*:2 professeur* universite*:2 lycee*
            college* scolaire*:2 examen*:2 baccalaureat:2 programme_scolaire alphabetisation
            diplome*
        """,
        "de": """
            bildung*:2 schule*:2 *schule schuler*:2 student*:2 lehrer*:2 universitat*:2 hochschul*
            studium* prufung* abitur:2 unterricht* lehrplan kita*
        """,
        "ar": """
            تعليم*:2 مدرس*:2 مدارس:2 طلاب:2 تلاميذ معلم*:2 جامعه:2 جامعات:2 جامعي* امتحان*:2
            دراسي*:2 منهاج مناهج شهاده تعليمي*
        """,
    },
    "labour": {
        "en": """
            labour:2 labor:2 worker*:2 employee* union unions trade_union*:2 strike strikes striking
            on_strike:2 general_strike:2 walkout wage*:2 minimum_wage:2 pension*:2 employment*
            layoff*:2 job_cuts workforce collective_bargaining
        """,
        "fr": """
            travail:2 travailleur*:2 salarie*:2 syndicat*:2 syndical*:2 greve*:2 grevistes
            salaire*:2 smic:2 retraite*:2 licenciement*:2 emploi* main-d_oeuvre
        """,
        "de": """
            arbeit* arbeitnehmer*:2 beschaftigt* gewerkschaft*:2 streik*:2 *streik:2 lohn*:2 *lohn
            mindestlohn:2 rente*:2 entlassung*:2 stellenabbau:2 tarif*:2
        """,
        "ar": """
            عمال:2 عامل موظف* نقاب*:2 اضراب*:2 اجور:2 الحد_الادني_للاجور:2 رواتب تقاعد*:2 تسريح*:2
            فرص_عمل
        """,
    },
    "religion": {
        "en": """
            religion*:2 religious:2 church*:2 mosque*:2 synagogue* temple* pope:2 vatican:2 bishop*
            priest* imam* muslim* christian* jewish hindu* buddhis* islam*:2 faith* pilgrim*:2
            ramadan:2 easter christmas eid
        """,
        "fr": """
            religion*:2 religieu*:2 eglise*:2 mosquee*:2 synagogue* temple* pape:2 vatican:2 eveque*
            pretre* imam* musulman* chretien* juif* hindou* bouddhis* islam*:2 foi pelerin*:2
            ramadan:2 paques noel aid
        """,
        "de": """
            religion*:2 religios*:2 kirche*:2 moschee*:2 synagoge* tempel* papst:2 vatikan:2
            bischof* priester* imam* muslim* christ* judisch* hindu* buddhis* islam*:2 pilger*:2
            ramadan:2 ostern weihnacht*
        """,
        "ar": """
            ديني:2 دينيه:2 كنيس*:2 مسجد*:2 مساجد:2 معبد البابا:2 الفاتيكان:2 اسقف كاهن مسلم* مسيحي*
            يهود* هندوس بوذي* اسلام*:2 حج:2 حجاج:2 رمضان:2 الفصح الميلاد عيد_الفطر عيد_الاضحي
        """,
    },
    "weather": {
        "en": """
            weather:2 forecast*:2 meteorolog*:2 temperature*:2 heatwave*:2 heat_wave:2 rain*
            rainfall snow* snowfall frost cold_snap sunshine wind winds degrees_celsius humidity
        """,
        "fr": """
            meteo:2 previsions:2 meteorolog*:2 temperature*:2 canicule:2 pluie* neige* gel
            vague_de_froid orage* vent* degres humidite
        """,
        "de": """
            wetter:2 *wetter wettervorhersage:2 meteorolog*:2 temperatur*:2 hitzewelle:2 regen*
            schnee* frost kaltewelle gewitter* wind* grad_celsius
        """,
        "ar": """
            طقس:2 الطقس:2 الارصاد:2 ارصاد:2 درجات_الحراره:2 درجه_الحراره موجه_حر:2 امطار:2 مطر
            ثلوج:2 صقيع موجه_برد عواصف_رعديه رياح
        """,
    },
    "lifestyle-leisure": {
        "en": """
            lifestyle:2 travel*:2 tourism:2 tourist*:2 holiday* vacation* food recipe*:2
            restaurant*:2 chef* cuisine:2 fashion:2 beauty wine* fitness leisure hobby gardening
        """,
        "fr": """
            art_de_vivre voyage*:2 tourisme:2 touriste*:2 vacances gastronom*:2 recette*:2
            restaurant*:2 cuisine:2 mode beaute vin vins loisir* jardinage
        """,
        "de": """
            lebensstil reise*:2 tourismus:2 tourist*:2 urlaub*:2 essen rezept*:2 restaurant*:2 koch*
            kuche mode:2 schonheit wein* freizeit* garten*
        """,
        "ar": """
            سياح*:2 سفر:2 رحلات عطله مطعم*:2 طبخ:2 وصفات مطبخ ازياء:2 موضه:2 ترفيه
        """,
    },
    "society": {
        "en": """
            society social community communities poverty:2 homeless* housing:2 migrant*:2
            migration:2 immigra*:2 asylum:2 welfare:2 inequality:2 gender discrimination:2 racism:2
            women's_rights lgbt* family families demograph* charity
        """,
        "fr": """
            societe social*:2 pauvrete:2 sans-abri logement*:2 migrant*:2 migrat*:2 immigr*:2
            asile:2 inegalite*:2 discrimination*:2 racisme:2 famille* demograph*
        """,
        "de": """
            gesellschaft* sozial*:2 armut:2 obdachlos* wohnung* wohnraum migrant*:2 migration:2
            einwander*:2 asyl*:2 ungleichheit:2 diskriminierung:2 rassismus:2 familie* demograf*
        """,
        "ar": """
            مجتمع* اجتماعي*:2 فقر:2 مشرد* سكن:2 مهاجر*:2 هجره:2 لجوء:2 مساواه تمييز:2 عنصري* اسره
            عائله عائلات
        """,
    },
    "human-interest": {
        "en": """
            human_interest anniversary birthday centenarian wedding animal* pet pets zoo quirky
        """,
        "fr": """
            insolite anniversaire centenaire mariage animal animaux zoo
        """,
        "de": """
            kurios geburtstag jubilaum hochzeit tier* zoo
        """,
        "ar": """
            طريف عيد_ميلاد زفاف حيوان* حديقه_الحيوان
        """,
    },
}

#: Section names and URL path words -> topic. Sections that name no topic ("world",
#: "news", "ausland", "arab-world") are simply absent.
SECTIONS: dict[str, str] = {
    "politics": (
        "politics political politique politik siyasa سياسة election elections elections2024 "
        "government"
    ),
    "economy-business-finance": (
        "business economy economics economie wirtschaft finance finances markets market money "
        "iqtisad اقتصاد bourse boerse companies"
    ),
    "sport": (
        "sport sports football soccer tennis rugby cricket fussball formula1 olympics riyada رياضة"
    ),
    "science-technology": (
        "science sciences tech technology technologie technik digital wissenschaft "
        "wissen innovation ulum علوم تكنولوجيا تقنية"
    ),
    "arts-culture-entertainment": (
        "culture kultur arts art entertainment feuilleton movies film music books media "
        "thaqafa ثقافة فن"
    ),
    "health": "health sante gesundheit sihha صحة medicine wellbeing",
    "environment": "environment climate umwelt klima planete environnement بيئة",
    "education": "education bildung enseignement تعليم",
    "crime-law-justice": "crime justice faits-divers polizei police law courts",
    "weather": "weather meteo wetter طقس",
    "lifestyle-leisure": "lifestyle travel voyage reise food cuisine style leben",
    "religion": "religion religions",
    "society": "society societe gesellschaft مجتمع",
    "conflict-war-peace": "conflict war guerre krieg حرب defence defense",
}
