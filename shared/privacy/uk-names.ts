/**
 * Common UK forenames and surnames, for recognising a column of people's names from its values.
 * Compiled by hand for this project after two public sources: the Office for National
 * Statistics "Baby names in England and Wales" releases (the most frequent names of each decade,
 * 1930s-2020s, so every adult age group is covered) and the most frequent surnames in Great
 * Britain (ONS analysis of the NHS Central Register, 2002), with common South Asian, Polish,
 * Irish and West African names added because they are frequent in NHS records. It is compact
 * (about 600 names), not exhaustive: it only has to find enough names in a column to flag it;
 * uncommon names in that column are then caught with the rest. No well-kept npm package of UK
 * name frequencies turned up in the registry index searched for this (only fake-data generators
 * such as @faker-js/faker, whose lists are not UK frequencies), so it lives here. Lower case.
 */

export const UK_FORENAMES: ReadonlySet<string> = new Set(`
aaron abdul abdullah abigail adam adrian agnes ahmed aidan aileen aisha alan albert alex alexander alexandra
alfie alfred ali alice alison amanda amber amelia amir amy andrea andrew angela anita ann anna anne annie
anthony antony archie arthur ashley audrey ava barbara barry beatrice ben benjamin bernard beryl beth
betty beverley bill billy bob brenda brian bridget callum cameron carl carol caroline carolyn catherine
charles charlie charlotte chelsea cheryl chloe chris christina christine christopher clare claire colin
connor craig daisy daniel danielle darren david dawn dean deborah debra declan denise dennis derek diana
diane donald donna doreen doris dorothy douglas duncan dylan edith edward eileen elaine eleanor elizabeth
ella ellie elsie emily emma eric ethan evelyn evie fatima fiona florence francis frank freddie frederick
freya gail gareth gary gavin gemma geoffrey george georgia gerald gillian glen glenn gordon grace graham
gwen hannah harold harriet harry harvey hassan hayley hazel heather helen henry hilda holly howard hugh
ian imran irene isaac isabel isabella isabelle isla ivy jack jackie jacob jacqueline jade jake james jamie
jane janet janice jasmine jason jayden jean jeffrey jennifer jenny jeremy jessica jill joan joanna joanne
joe john jonathan joseph josephine joshua joyce judith julia julie june justin karen karl kate katherine
kathleen kathryn katie kayleigh keith kelly kenneth kerry kevin kieran kim kirsty kyle laura lauren lee
leo leon leonard lesley leslie lewis liam lillian lily linda lindsey lisa logan lorna lorraine louis
louise lucy luke lynda lynn lynne maisie malcolm mandy margaret maria marie marion mark martin mary mason
matthew maureen max maxine megan melanie michael michelle mildred millie mohammad mohammed mia molly
muhammad nancy naomi natalie natasha nathan neil nicholas nicola nigel noah norma norman oliver olivia
omar oscar owen pamela patricia patrick paul paula pauline peggy peter philip phillip phoebe poppy
priya rachel raj ralph raymond rebecca reece rhys richard rita robert robin roger ronald rose rosemary
ross ruby russell ruth ryan sally samantha samuel sandra sara sarah scott sean shannon sharon sheila
shirley simon sophia sophie stacey stanley stephanie stephen steven stewart stuart sue susan suzanne
sylvia teresa terence terry theo theresa thomas tina toby tom tony tracey tracy trevor valerie vanessa
vera victoria vincent violet wayne wendy william yasmin yvonne zachary zara zoe
aleksandra anna agnieszka katarzyna krzysztof marek piotr tomasz pawel magdalena
aoife ciara niamh siobhan sinead padraig seamus
adebayo chinedu oluwaseun kwame ama abena yaw kofi
arjun deepak harpreet gurpreet jaswinder kamal manjit navdeep parminder rajesh ravi sanjay sunita
`.trim().split(/\s+/));

export const UK_SURNAMES: ReadonlySet<string> = new Set(`
smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright
walker white edwards hughes green hall lewis harris clarke patel jackson wood turner martin cooper hill
ward morris moore clark lee king baker harrison morgan allen james scott phillips watson davis parker
price bennett young griffiths mitchell kelly cook carter richardson bailey collins bell shaw murphy miller
cox richards khan marshall anderson simpson ellis adams singh begum wilkinson foster chapman powell webb
rogers gray mason ali hunt hussain campbell matthews owen palmer holmes mills barnes knight lloyd butler
russell barker fisher stevens jenkins murray dixon harvey graham pearson ahmed fletcher walsh kaur gibson
howard andrews stewart elliott reynolds saunders payne fox ford pearce day brooks west lawrence cole
atkinson bradley spencer gill dawson ball burton o'brien watts rose booth perry ryan grant wells
armstrong francis rees hayes hart hudson newman barrett webster hunter gregory carr lowe page marsh
riley dunn woods parsons berry stone reid holland hawkins harding porter robertson newton oliver reed
kennedy williamson bird gardner shah dean lane cooke bates henderson parry burgess bishop walton burns
nicholson shepherd ross cross long freeman warren nicholls hamilton byrne sutton mcdonald yates hodgson
robson curtis hopkins o'connor harper coleman watkins moss mccarthy chambers o'neill griffin sharp hardy
wheeler potter osborne johnston gordon doyle wallace george jordan hutchinson rowe burke may pritchard
gilbert willis higgins read miles stevenson stephenson hammond arnold buckley walters hewitt barber nelson
slater austin sullivan whitehead mann frost lambert stephens blake akhtar lynch goodwin barton woodward
thomson cunningham quinn barnett baxter bibi clayton nash greenwood jennings holt kemp poole gallagher
bond stokes tucker davidson fowler heath norman middleton lawson banks french stanley jarvis gibbs
ferguson hayward carroll douglas dickinson todd barlow peters lucas knowles hartley miah simmons morton
alexander field morrison norris townsend preston hancock thornton baldwin burrows briggs storey pope
chowdhury rahman islam uddin sharma kumar mistry nowak kowalski wisniewski kaminski lewandowski
okafor adeyemi mensah asante
`.trim().split(/\s+/));

/** Titles that come before a name ("Mr", "Dr" ...), lower case without dots. */
export const NAME_TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'rev', 'master']);
