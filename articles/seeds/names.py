"""General word lists for name handling: titles, roles, particles, first names, places.

Kept as plain data so the extraction rules in ``quotes`` and ``entities`` stay general: nothing
here names a person or organisation from any particular article.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    """Entries that may hold spaces, separated by ``|``."""
    return frozenset(p.strip() for p in text.split("|") if p.strip())


def _pairs(text: str) -> dict[str, str]:
    """``key:value`` entries separated by ``|``, in order."""
    return dict(p.strip().split(":", 1) for p in text.split("|") if p.strip())


# Honorifics stripped from a name; the gendered ones also tell us he or she.
MALE_TITLES = _words("mr mr. sir lord mister monsieur herr senor señor")
FEMALE_TITLES = _words("ms ms. mrs mrs. miss dame lady madam mme mme. madame frau senora señora")
TITLES = (
    MALE_TITLES
    | FEMALE_TITLES
    | _words(
        "dr dr. prof prof. professor rev rev. reverend fr fr. father sister brother imam rabbi "
        "sheikh sheik hon hon. mx mx. st."
    )
)

# Capitalised words that make up a role or office in front of a name ("Chief Electoral
# Officer Meera Naik", "US Secretary of State John Kerry"): stripped from the front of a person.
ROLE_WORDS = _words(
    "president vice prime minister ministers secretary senator sen. representative rep. "
    "congressman congresswoman congressmember governor gov. mayor chief justice judge "
    "magistrate councillor councilor cllr alderman chairman chairwoman chair chairperson "
    "director general commissioner ambassador chancellor king queen prince princess pope "
    "cardinal bishop archbishop emir sultan officer inspector detective sergeant sgt "
    "constable superintendent captain capt colonel col major lieutenant lt admiral commander "
    "coach manager deputy speaker leader attorney premier treasurer spokesman spokeswoman "
    "spokesperson executive electoral counsel barrister solicitor prosecutor sheriff "
    "marshal nurse doctor surgeon dean rector provost principal headteacher headmaster "
    "headmistress striker midfielder defender goalkeeper forward skipper founder ceo cfo coo "
    "cto md chef lawyer analyst economist correspondent editor reporter presenter "
    "mp mep mla msp assemblyman assemblywoman envoy consul minister-president first "
    "secretary-general director-general under-secretary lifeguard ranger firefighter paramedic "
    "pilot farmer fisherman teacher student engineer scientist researcher activist volunteer "
    "campaigner historian lecturer architect artist author novelist photographer actor "
    "actress midwife pharmacist astronaut astronomer physicist biologist chemist geologist "
    "entrepreneur businessman businesswoman banker investor shopkeeper boxer sprinter "
    "cyclist swimmer jockey trainer referee umpire priest pastor rescuer "
    # abbreviated ranks and offices, with and without their full stop
    "gen gen. lt. col. capt. sgt. maj maj. insp insp. supt supt. det det. cpl cpl. adm adm. "
    "cmdr cmdr. brig brig. cllr. pres pres. atty atty. pte pte. whip coun coun. "
    "co-founder cofounder co-chair co-chairman co-chairwoman co-director coroner auditor "
    "comptroller ombudsman registrar assessor advocate justices judges"
)

# Portfolio words that follow or precede a role ("Emergency Services Minister", "Minister of
# State for Trade and Industry"): they belong to the role, never to the person's name.
PORTFOLIO_WORDS = _words(
    "state foreign home interior defence defense health finance trade industry emergency "
    "services environment education transport transportation energy agriculture economy "
    "economic affairs labour labor justice culture tourism housing development police fire "
    "treasury exchequer commerce security immigration communications information science "
    "technology innovation digital sport sports arts heritage women children family welfare "
    "social employment work works water resources mines mining fisheries forests planning "
    "infrastructure cabinet public opposition shadow junior assistant acting interim federal "
    "national regional provincial district county city town municipal us u.s. uk u.k. eu "
    "un u.n. republican democratic democrat labour conservative liberal green electoral "
    "legal operating financial technology medical scientific political external internal "
    "relations local government"
)

# Post-nominal letters and suffixes dropped after a name ("Aoife Kavanagh SC").
POSTNOMINALS = _words("sc qc kc mp mep mla msp td jr jr. sr sr. ii iii iv phd obe mbe cbe kbe esq")

# Lower-case name particles ("van der Berg", "de la Cruz", "bin Salman").
PARTICLES = _words(
    "van von der den de del della degli di da das dos du la le les lo bin binti binte ibn ben "
    "bint ap ferch"
    "al el ter ten te op zu y e"
)
# Hyphenated Arabic-style article prefixes ("al-Aref", "el-Idrissi").
ARTICLE_PREFIXES = ("al-", "el-", "ad-", "ar-", "as-", "at-", "ash-", "az-", "an-", "ul-", "ur-")

# Organisation cues: an institution named with one of these is an organisation, not a person.
ORG_CUES = _words(
    "ministry department bureau institute institution council service services society "
    "alliance union party university college school academy commission committee court "
    "convention "
    "tribunal company corporation corp corp. inc inc. ltd ltd. llc plc group campaign "
    "officials association agency organisation organization board bank fund foundation "
    "trust museum gallery library centre center observatory authority office police army "
    "navy force forces guard federation league club network government parliament assembly "
    "congress senate coalition front movement kremlin church hospital clinic laboratory "
    "laboratories labs media news times post press herald journal tribune guardian telegraph "
    "reuters agency airways airlines airline capital securities holdings partners industries "
    "motors systems technologies energy petroleum mining resources pharmaceuticals bros "
    "cooperative co-operative collective consortium institute directorate inspectorate "
    "executive secretariat cabinet administration state nation nations bloc caucus brigade "
    "regiment battalion division team fc united rovers athletic wanderers chamber commerce "
    "textiles foods brewery breweries steel logistics shipping chemicals electronics insurance "
    "properties developments grocers stores retail farms mills motors aviation telecom "
    "railways utilities confederation air"
)
# Organisation cues of the institutional kind: a short name is never folded into these
# ("Ghana" is not a short form of "Ghana Health Service").
INSTITUTION_CUES = _words(
    "ministry department bureau institute institution council service services society "
    "union party university college school academy commission committee court tribunal "
    "officials association agency organisation organization board fund foundation trust "
    "museum gallery library centre center observatory authority office police army navy "
    "force forces guard federation league government parliament assembly congress senate "
    "church hospital clinic laboratory directorate inspectorate executive secretariat "
    "administration nation nations state"
)
# Nouns that name an organisation by its kind ("the ministry said", "the alliance called").
ORG_NOUNS = _words(
    "ministry department bureau institute council service society alliance union party "
    "university commission committee court company corporation firm group campaign agency "
    "organisation organization board bank fund foundation trust museum centre center "
    "observatory authority office police army government parliament assembly coalition "
    "movement club league federation association charity airline carrier startup "
    "start-up network team hospital directorate administration regulator watchdog body "
    "cabinet military"
)
# Business nouns that stand for the company an article is about ("the company said").
COMPANY_NOUNS = _words(
    "company firm group business chain retailer carrier airline operator lender insurer "
    "manufacturer maker startup start-up supermarket grocer developer publisher broadcaster "
    "mill factory producer exporter importer brewer miner utility system"
)
# A leading word that makes a capitalised run a place ("Port of Valmora", "Mount Kenya").
PLACE_HEADS = _words("port mount lake cape fort isle bay gulf strait lough loch glen river")
# Nouns for people left unnamed ("said one truck driver", "a resident said"); a noun ending
# like an occupation (-er, -or, -ist, -ian) counts as well unless it is in NOT_PERSON_NOUNS.
PERSON_NOUNS = _words(
    "resident witness commuter woman man neighbour neighbor official source nurse doctor "
    "parent mother father farmer shopper voter passenger student engineer protester "
    "survivor fan supporter villager shopkeeper owner diplomat officer soldier activist "
    "employee customer patient relative friend wife husband son daughter brother sister local "
    "trader vendor guard pilot medic paramedic firefighter mourner onlooker bystander "
    "pensioner retiree tourist visitor girl boy teenager youth person citizen refugee "
    "migrant pedestrian cyclist motorist aide insider colleague veteran widow widower "
    "grandmother grandfather mum dad spokesman spokeswoman spokesperson"
)
NOT_PERSON_NOUNS = _words(
    "letter paper number order matter water corner sector factor error computer poster "
    "charter quarter border chapter register meter monitor motor tractor counter later "
    "other neither either another together never ever however whatever whether"
)
FEMALE_NOUNS = _words(
    "woman mother wife daughter sister girl widow grandmother mum spokeswoman businesswoman "
    "chairwoman policewoman congresswoman"
)
MALE_NOUNS = _words(
    "man father husband son brother boy widower grandfather dad spokesman businessman "
    "chairman policeman congressman fisherman"
)
PLACE_CUES = _words(
    "city town village county province region district island islands street road avenue "
    "square river valley coast sea ocean desert peninsula strait gulf harbour harbor airport "
    "kingdom republic emirates territory territories mountains"
)
EVENT_CUES = _words(
    "cyclone hurricane typhoon storm earthquake war olympics cup championship festival "
    "summit election elections games tournament"
)

WEEKDAYS_MONTHS = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "june july august september october november december"
)

# Acronyms that are units, times or common nouns, never tags.
NON_ENTITY_ACRONYMS = _words(
    "gmt utc bst est edt pst cet am pm a.m. p.m. ceo cfo coo cto ai tv gdp ok icu ct mri "
    "dna hiv aids covid pdf usb id pc it hr pr vip faq diy atm sms gps km kg mph kmh "
    "ad bc bce ce co2 uv lgbt lgbtq q1 q2 q3 q4 ipo etf esg"
)

# Demonyms and adjectives that count as a mention of a place.
DEMONYMS = _pairs(
    "american:United States|russian:Russia|syrian:Syria|iranian:Iran|iraqi:Iraq|"
    "israeli:Israel|palestinian:Palestine|turkish:Turkey|british:United Kingdom|"
    "english:England|scottish:Scotland|welsh:Wales|irish:Ireland|french:France|"
    "german:Germany|italian:Italy|spanish:Spain|portuguese:Portugal|dutch:Netherlands|"
    "belgian:Belgium|swiss:Switzerland|austrian:Austria|swedish:Sweden|norwegian:Norway|"
    "danish:Denmark|finnish:Finland|polish:Poland|ukrainian:Ukraine|greek:Greece|"
    "chinese:China|japanese:Japan|korean:Korea|indian:India|pakistani:Pakistan|"
    "afghan:Afghanistan|bangladeshi:Bangladesh|indonesian:Indonesia|malaysian:Malaysia|"
    "singaporean:Singapore|thai:Thailand|vietnamese:Vietnam|filipino:Philippines|"
    "australian:Australia|canadian:Canada|mexican:Mexico|brazilian:Brazil|"
    "argentine:Argentina|argentinian:Argentina|chilean:Chile|colombian:Colombia|"
    "venezuelan:Venezuela|peruvian:Peru|cuban:Cuba|egyptian:Egypt|libyan:Libya|"
    "saudi:Saudi Arabia|yemeni:Yemen|lebanese:Lebanon|jordanian:Jordan|nigerian:Nigeria|"
    "ghanaian:Ghana|kenyan:Kenya|ethiopian:Ethiopia|somali:Somalia|sudanese:Sudan|"
    "south african:South Africa|taiwanese:Taiwan|antarctic:Antarctica|arctic:Arctic|"
    "african:Africa|asian:Asia|european:Europe"
)

# Places: countries (with common short forms as aliases), continents, major cities and regions.
PLACE_ALIASES = {
    "United States": ("US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain"),
    "United Nations": ("UN", "U.N."),
    "European Union": ("EU", "E.U."),
    "United Arab Emirates": ("UAE", "U.A.E."),
    "Democratic Republic of Congo": ("DRC", "DR Congo"),
    "Netherlands": ("Holland",),
    "Czech Republic": ("Czechia",),
    "South Korea": ("Republic of Korea",),
    "Myanmar": ("Burma",),
    "Ivory Coast": ("Côte d'Ivoire", "Côte d’Ivoire"),
}
ORG_PLACES = frozenset({"United Nations", "European Union"})

COUNTRIES = _words(
    "Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria "
    "Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan "
    "Bolivia Bosnia Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad "
    "Chile China Colombia Comoros Congo Croatia Cuba Cyprus Denmark Djibouti Dominica Ecuador "
    "Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia Georgia Germany "
    "Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary Iceland India "
    "Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan Kenya Kiribati "
    "Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya Liechtenstein "
    "Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta Mauritania Mauritius "
    "Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique Myanmar Namibia "
    "Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman Pakistan Palau Palestine "
    "Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa "
    "Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Spain Sudan Suriname "
    "Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Tunisia Turkey "
    "Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Venezuela Vietnam Yemen "
    "Zambia Zimbabwe England Scotland Wales Greenland Tibet"
) | _phrases(
    "United States|United Kingdom|United Arab Emirates|Saudi Arabia|South Africa|"
    "South Korea|North Korea|New Zealand|Sri Lanka|Costa Rica|El Salvador|"
    "Dominican Republic|Czech Republic|Ivory Coast|Sierra Leone|Burkina Faso|"
    "Papua New Guinea|South Sudan|East Timor|Northern Ireland|Hong Kong|Puerto Rico|"
    "Vatican City|Democratic Republic of Congo"
)
REGIONS = _words(
    "Africa Asia Europe Antarctica Arctic Oceania Americas Caribbean Balkans Baltics "
    "Scandinavia Caucasus Sahel Sahara Siberia Kashmir Crimea Donbas Gaza Darfur Kurdistan "
    "Catalonia Bavaria Quebec Ontario Alberta Manitoba Saskatchewan Queensland Tasmania "
    "Victoria Texas California Florida Alaska Hawaii Ohio Michigan Virginia Georgia Arizona "
    "Nevada Oregon Washington Colorado Punjab Bengal Kerala Goa Gujarat Maharashtra Bihar "
    "Assam Rajasthan Karnataka Sindh Balochistan Patagonia Amazon Andes Himalayas Alps "
    "Mediterranean"
) | _phrases(
    "Middle East|West Bank|Gaza Strip|Golan Heights|Latin America|South America|"
    "North America|Central America|East Africa|West Africa|North Africa|Southeast Asia|"
    "South Asia|Central Asia|East Asia|West Antarctica|East Antarctica|New South Wales|"
    "Western Australia|South Australia|Northern Territory|New York|New Jersey|New Mexico|"
    "North Carolina|South Carolina|Tamil Nadu|Uttar Pradesh|Madhya Pradesh|Andhra Pradesh|"
    "West Bengal|British Columbia|Nova Scotia|Persian Gulf|Red Sea|Black Sea|"
    "South China Sea"
)
CITIES = _words(
    "London Paris Berlin Madrid Rome Lisbon Dublin Brussels Amsterdam Vienna Prague Warsaw "
    "Budapest Athens Stockholm Oslo Copenhagen Helsinki Moscow Kyiv Kiev Minsk Ankara "
    "Istanbul Tehran Baghdad Damascus Aleppo Homs Idlib Beirut Amman Jerusalem Riyadh Doha "
    "Dubai Cairo Tripoli Tunis Algiers Rabat Casablanca Khartoum Nairobi Addis Lagos Abuja "
    "Accra Dakar Kinshasa Johannesburg Pretoria Harare Lusaka Kampala Kigali Mogadishu Kabul "
    "Islamabad Karachi Lahore Delhi Mumbai Kolkata Chennai Bangalore Bengaluru Hyderabad "
    "Dhaka Colombo Kathmandu Beijing Shanghai Shenzhen Wuhan Taipei Tokyo Osaka Seoul "
    "Pyongyang Bangkok Hanoi Manila Jakarta Singapore Sydney Melbourne Brisbane Perth "
    "Adelaide Canberra Auckland Wellington Ottawa Toronto Montreal Vancouver Calgary Edmonton "
    "Washington Chicago Boston Seattle Portland Houston Dallas Atlanta Miami Denver Phoenix "
    "Detroit Philadelphia Baltimore Sacramento Mexico Bogota Bogotá Lima Santiago Caracas "
    "Quito Havana Brasilia Rio Geneva Zurich Bern Milan Naples Munich Hamburg Frankfurt "
    "Cologne Barcelona Valencia Seville Porto Marseille Lyon Edinburgh Glasgow Cardiff "
    "Belfast Manchester Liverpool Birmingham Leeds Bristol Sheffield Newcastle Oxford "
    "Cambridge Cork Galway Limerick Rotterdam Utrecht Antwerp Luxembourg Strasbourg Kraków "
    "Krakow Gdansk Odesa Odessa Kharkiv Mariupol Sevastopol Yerevan Baku Tbilisi Tashkent "
    "Almaty Astana Ulaanbaatar Hebron Mosul Basra Raqqa Benghazi Sanaa Aden Muscat Kuwait "
    "Manama Jeddah Mecca Medina Mombasa Durban Darwin Hobart"
) | _phrases(
    "New York|Los Angeles|San Francisco|San Diego|Las Vegas|New Orleans|Hong Kong|"
    "Kuala Lumpur|Ho Chi Minh City|Buenos Aires|Sao Paulo|São Paulo|Rio de Janeiro|"
    "Mexico City|Cape Town|Abu Dhabi|Tel Aviv|New Delhi|The Hague|Benin City|Addis Ababa|"
    "Dar es Salaam|St Petersburg|Saint Petersburg"
)
PLACES = COUNTRIES | REGIONS | CITIES

# Given names that tell he or she. Left out: those that are as often the start of a place, a
# club or an organisation's name ("Al Jazeera", "Chelsea", "Milton Keynes", "Preston", "Chad"),
# and those borne by women as often as by men ("Jan", "Robin", "Jamie").
_MALE_NAMES = """
aaron abdul abdullah abe abraham adam adrian ahmad ahmed ajay akira alan albert alberto alejandro
alex alexander alexandre alexei alfred ali alistair amir amit anand anders andre andreas
andrei andres andrew andy angus anil anthony antoine anton antonio aref arjun arnold arthur arun
ashok aziz barack barry bashar ben benjamin bernard bill billy bob boris brad bradley brendan
brian bruce bruno calvin carl carlos cedric charles charlie chris christian christopher ciaran
colin conor craig dan daniel danny darren dave david dean declan dennis derek diego dmitry
dmitri dominic don donald doug douglas duncan dylan eamon ed eddie edward edwin elijah emeka
emil emmanuel enrique eric erik ernest ethan eugene evan fabio farid felipe felix fernando
francis francisco frank franz fred frederick gareth gary gavin geoff geoffrey george gerald
gerard gordon graham grant greg gregory guy hamid hans harold harry hassan hector henry hiroshi
howard hugh hugo hussein ian ibrahim igor isaac ismail issa issah ivan jack jacob jake james
jamie jason javier jeff jeffrey jeremy jerome jim jimmy joe joel johan johannes john
jonathan jorge jose josé joseph josh joshua juan julian justin kamal karim karl keith ken kenneth
kevin khalid kofi kumar kwame kwesi lars lawrence leo leon leonard liam lionel louis luca lucas
luis luke magnus mahmoud malcolm manuel marc marcel marco marcus mario mark martin mateo matteo
matthew max michael miguel mike mikhail mohamed mohammad mohammed muhammad mustafa nabil nathan
neil nicholas nick nicolas nigel nikolai noah oleg oliver omar osama oscar owen pablo paddy
padraig pádraig patrick paul pedro pete peter philip philippe pierre pieter rafael rahul raj
rajesh ralph ramesh randy raul ray raymond reza richard rick rob robert roberto rodrigo
roger roland ronald rory ross roy rudy russell ryan sadiq salman sam samir samuel sanjay scott
sean seamus sebastian sergei sergey seth shane simon stan stanley stefan stephen steve steven
stuart suresh tarik ted terry thomas tim timothy tobias todd tom tommy tony trevor tyler umar
victor vijay vikram vincent vishal vladimir walter wayne wei william willem xavier yaw yusuf
yuri zach zachary
allan alvin angelo archie barney bart bernie bert bobby brandon brent bret brett bryan
buddy byron carlton chuck clarence clark clifford clint clyde cody cole corey cory
curtis dale damian dante darrell darryl derrick dick dominick donnie dustin dwayne dwight earl
eli elliot elliott elmer ernie floyd franklin garrett gene gilbert glen glenn gregg hank
harvey herbert herman homer jared jay jerry jesse johnny jon jonah kirk kyle lamar lance
larry laurence leroy lester lewis lloyd lonnie lou lyndon marshall marvin matt
maurice melvin mitch mitchell morris nate nathaniel ned nelson norm norman otis perry
phil phillip randall randolph reggie reginald rex rodney ron ronnie rudolph rupert
russ sammy shawn sheldon sherman spencer stewart terrence theodore travis trey vernon
viktor wade wallace wesley wilbur willie woodrow
"""
_FEMALE_NAMES = """
abena abigail ada adriana agnes aisha alexandra alice alicia alison amanda amelia amina amy ana
anastasia angela angelica anita ann anna anne annelies annette annie antonia aoife april
ava barbara beatrice belinda beth betty bianca brenda bridget brigitte caitlin camilla carla carmen
carol caroline catherine cecilia charlotte chloe christina christine claire clara claudia
colleen cynthia daisy daniela deborah debbie deirdre denise diana diane dolores donna doris
dorothy edith eileen elena eleanor elisabeth elizabeth ella ellen emily emma erin esther eva
evelyn fatima fatma fiona florence frances francesca gabriela gemma georgia geraldine gillian
gina giulia grace gwen hannah harriet heather heidi helen helena hilary holly ingrid irene
isabel isabella jacqueline jane janet janice jasmine jennifer jenny jessica jill joan
joanna joanne josephine joyce judith judy julia julie june karen kate katherine kathleen kathryn
katie katrin kavita kelly kirsty laura lauren layla leah leanne leila lily linda lisa
liz lorraine louise lucia lucy lydia lynn madeleine maeve maggie margaret maria marie marieke
marina marion marta martha mary maureen maya megan meera melanie melissa mia michelle miriam
molly monica nadia nancy naomi natalia natalie natasha nicola nicole nina nola noura olga
olivia paula pauline penelope petra philippa pooja priya rachel rebecca rita rosa rose rosemary
ruth sally samantha sandra sara sarah sharon sheila shirley simone siobhan sofia sonia sophie
stephanie sue sunita susan suzanne svetlana sylvia tamara tanya teresa theresa tina tracy
ursula valerie vanessa vera veronica victoria wendy yasmin yvonne zainab zoe
alyssa amber andrea angie arlene ashley audrey betsy beverly bonnie brittany candace carly
carole carrie cassandra cathy cecile charlene cheryl christy cindy connie courtney
crystal darlene dianne dolly dora edna elaine elisa ellie eloise erica erma estelle ethel
eunice faye felicia gabrielle gail gayle gladys glenda gloria greta hazel hillary ida imogen
irma ivana jeanne jeannie jenna jillian joni judi kara karla kathy kayla kelli kelsey kirsten
kristen kristin kristina lena lillian lois loretta lori lorna lucille luciana mabel mandy
marcia margie marilyn marjorie marla marlene mavis megyn michele mildred minnie mona muriel
myra nadine nell nikki nora norma pam pamela patricia patsy peggy phyllis polly priscilla
rachael renee rhonda roberta robyn roxanne sabrina serena sheryl sherry sonya stacy stella
tabitha tammy tara terri thelma tiffany tricia trudy velma vicki viola wanda wilma yolanda
"""
MALE_FIRST_NAMES = frozenset(_MALE_NAMES.split())
FEMALE_FIRST_NAMES = frozenset(_FEMALE_NAMES.split())

# Capitalised words that start sentences or headings but are not names.
COMMON_CAPITALISED = _words(
    "the a an and but or nor so yet for of in on at by to from with without into onto over "
    "shares stocks "
    "under after before since until while during about against among between through "
    "across inside outside within near despite although though because if unless when "
    "where whether which who whom whose what why how this that these those there here then "
    "thus also however meanwhile moreover still instead indeed even only just not no yes "
    "some many much more most few several all any each every both either neither other "
    "another such one two three four five six seven eight nine ten hundreds thousands "
    "millions dozens i he she it we they you his her its our their my your me him us them "
    "mr ms mrs dr it's he's she's we're they're i'm i'd i'll i've we've let's "
    "as like than once now today tomorrow yesterday tonight later earlier last next first "
    "second third new old according asked speaking writing giving under-secretary "
    "residents officials analysts critics supporters experts doctors police authorities "
    "people investors farmers scientists researchers regulators consumers health medical "
    "civil rescue vital indigenous not everyone nobody somebody someone everybody anyone "
    "please thanks sources witnesses lawyers prosecutors judges teachers students workers "
    "opposition government ministers staff members voters turnout counting plans talks "
    "under-18s"
)
PRONOUNS = _words("he she they it we i you him her them us his hers its their theirs")


# US states, which follow a politician's name ("Senator Ann Lee of Vermont") without
# being part of it.
US_STATES = (
    _words(
        "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia "
        "hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts "
        "michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon "
        "pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming"
    )
    | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota"}
    | {"rhode island", "south carolina", "south dakota", "west virginia"}
)
