package main

// The phrase pool the corpus is built from: sentences a seller or a
// customer says, grouped by what they do in a call, with {slots} filled
// from the word lists below. The lexicons' signals (pitch language,
// overpromises and the honest limits that excuse them, stalls, concerns,
// probes, weak and valid openings) are spread through the pool, so that
// detectors and lexicon matching do the work they do on real calls.

// sellerPhrases are the seller's sentences by kind.
var sellerPhrases = map[string][]string{
	"greet": {
		"Hi {cust}, this is {rep} from {vendor}.",
		"Hey {cust}, {rep} here from {vendor}, thanks for taking the call.",
		"Good morning {cust}, thanks for making the time today.",
		"Hi {cust}, thanks for joining, I know it's a busy week.",
		"Hello {cust}, it's {rep} with {vendor}, did I catch you at a good time?",
	},
	"reason": {
		"Many companies in {industry} are seeing {pain} this year, and I'd like to explore whether we can help you with that.",
		"I saw you opened {n} new {sites} last quarter, and usually that puts pressure on {task}.",
		"{referrer} referred me and suggested I call you about {topic}.",
		"As we agreed last week, today we'd review {topic} and decide on next steps.",
		"You mentioned your team is losing {n} days a month to {task}, so I'd like to dig into that.",
		"On our last call you said {task} takes a full day, and I wanted to understand what slows it down.",
	},
	"weak": {
		"Just checking in to see how things are going.",
		"I'm in your neighbourhood on {day} and thought I'd touch base.",
		"We just launched version {v} and I'd like to show you a demo.",
		"How are you doing today?",
		"I wanted to reach out and touch base about our new release.",
	},
	"open": {
		"How does your team handle {task} today?",
		"What happens when {problem}?",
		"Walk me through how {task} works right now.",
		"What would a faster {task} be worth to you?",
		"Why did you decide to look at this now?",
		"What have you tried so far?",
		"Tell me more about how {problem} affects your {team} team.",
		"How do you measure success for {task} this year?",
		"What does a typical week look like for your {team} team?",
		"How are you planning to onboard the new people?",
	},
	"closed": {
		"Are you using {competitor} for that today?",
		"Is that done by hand?",
		"Does that happen every month?",
		"Do you have a budget set aside for this?",
		"Is {person} the one who signs off on tools like this?",
		"Did you look at any other vendors?",
	},
	"probe": {
		"What concerns do you have about {topic}?",
		"What would stop this from moving forward?",
		"Help me understand what's behind the timing.",
		"Who else needs to weigh in on this?",
		"What do you like about what {competitor} showed you?",
		"If you had to pick one thing that could go wrong, what would it be?",
		"What would your {person} push back on?",
	},
	"pitch": {
		"We are the industry-leading platform for {task}.",
		"Let me show you the dashboard first.",
		"Our customers love the {feature}.",
		"Our platform is best-in-class for {task}, and our {feature} is really cutting-edge.",
		"We have award-winning support and our team is available around the clock.",
		"Let me give you a quick demo of our {feature}.",
		"We're the leader in {industry}, and our product does everything you described.",
		"Our {feature} was built from the ground up by our own engineers.",
		"We work with over {n} hundred companies, and our platform integrates with {system} out of the box.",
		"Our roadmap has a lot of exciting things, and our next release adds even more to our {feature}.",
		"I'd love to walk you through our pricing tiers and our premium package.",
	},
	"story": {
		"When I started here we had {n} customers, and now we're in every major market.",
		"I used to run a {team} team myself, so I know the pain.",
		"Our founder started the company after years in {industry}.",
	},
	"you": {
		"Your team could get {n} hours a week back on {task}.",
		"That would give your {team} team back the time they spend on {task}.",
		"You'd see where your {report} stands without waiting for the month end.",
		"Your people would stop copying numbers between {system} and spreadsheets.",
		"For your business that means fewer surprises at the end of the quarter.",
	},
	"over": {
		"I guarantee you'll {outcome}.",
		"I promise you'll see a return in the first month.",
		"It never goes down, ever.",
		"This always works for teams your size.",
		"Honestly it's zero risk for you.",
		"We'll eliminate {problem2} completely within a quarter.",
		"Whatever you need, we can do it.",
		"You will definitely {outcome}.",
		"It works 100% for companies like yours.",
		"There's no risk at all, you have my word.",
	},
	"honest": {
		"I can't guarantee specific numbers, but most customers see a payback in about {n} days.",
		"Most customers see {outcome2} in roughly {n} months.",
		"This might cut the time your team spends on {task}.",
		"I won't tell you it never fails, but our uptime last year was 99.95%.",
		"We don't promise a number before we see your data.",
		"It depends on how clean your data is, so I'd rather not guess.",
	},
	"contract": {
		"Our SLA guarantees 99.9% uptime with service credits if we miss it.",
		"There's a 30-day refund guarantee in the contract.",
		"We guarantee the rate if you sign by the end of the month.",
	},
	"next": {
		"I'll send the security questionnaire by {day}.",
		"Let's book thirty minutes on {day} with {person}.",
		"I'll send over the proposal by end of day {day}.",
		"Can we get {person} on a call next week?",
		"I'll write up what we discussed and share it with you and {person}.",
	},
	"ack": {
		"That makes sense.",
		"Got it.",
		"Right, okay.",
		"Understood, thanks.",
		"That's really helpful.",
		"Great, thanks for sharing that.",
		"Okay, so let me make sure I have this right.",
		"Sure, um, that's a fair point.",
	},
	"answer": {
		"It usually takes about {n} weeks to get a team like yours live.",
		"Yes, it connects to {system} with a standard integration.",
		"Support is included, and you get a named contact for the first {n} months.",
		"Pricing is per seat, and it depends on how many people use {feature}.",
		"We can start with one {team} team and expand from there.",
	},
}

// customerPhrases are the customer's sentences by kind.
var customerPhrases = map[string][]string{
	"greet": {
		"Hi {rep}. Sure, I have about half an hour.",
		"Hey, yes, good timing actually.",
		"Hi. I have a few minutes before my next meeting.",
		"Hello, thanks for calling.",
	},
	"pain": {
		"We currently use spreadsheets and it takes about {n} days.",
		"Our {team} team spends every {day} building the {report} by hand.",
		"It breaks whenever a column changes, and then someone stays late to fix it.",
		"Honestly, a shared calendar and a lot of hope.",
		"Someone exports from three systems and pastes it all into one sheet.",
		"We lost a renewal last quarter because nobody saw the date coming.",
		"It's mostly manual, and the numbers rarely match what finance has.",
		"The new hires take about {n} months to ramp, which is too long.",
	},
	"answer": {
		"Mostly by hand, to be honest.",
		"We use {competitor} for some of it, but not everyone likes it.",
		"About {n} people touch it every month.",
		"It depends on the quarter, really.",
		"{person} owns that process today.",
		"We looked at a couple of tools last year but didn't decide.",
		"Right now it's just me and one analyst.",
	},
	"concern": {
		"That sounds expensive.",
		"I'm worried about the rollout.",
		"It looks too complicated for our reps.",
		"Honestly that's more than we budgeted.",
		"We tried something similar two years ago and it didn't stick.",
		"I'm not sure our IT team will approve another vendor.",
	},
	"stall": {
		"Just send me some information and I'll look at it.",
		"I need to run it by my CFO first.",
		"I'll think about it and get back to you.",
		"Let's revisit this next quarter.",
		"I have too much on my plate right now.",
	},
	"request": {
		"Can you walk me through pricing?",
		"Could you explain how the integration with {system} works?",
		"How does it handle {task} for a team our size?",
		"Can you show me how the {feature} works?",
	},
	"ask": {
		"How long does implementation take?",
		"Does it work with {system}?",
		"What does support look like?",
		"Who else in {industry} uses it?",
	},
	"ack": {
		"Okay.",
		"Right.",
		"Mm-hmm.",
		"Sure.",
		"Makes sense.",
		"Yeah, okay.",
		"Interesting.",
		"Got it.",
		"Uh, yes.",
	},
	"agree": {
		"Yes, that would help a lot.",
		"That's exactly the problem.",
		"Sounds good to me.",
		"Thursday works.",
		"Let's do that, send the invite.",
	},
	"small": {
		"It's been a busy week, end of quarter.",
		"We had a long offsite last week, so I'm catching up.",
		"Sorry, the connection dropped for a second.",
	},
}

// slots are the words the {slot} placeholders are filled with.
var slots = map[string][]string{
	"vendor":     {"Ledgerly", "Quillstack", "Orbitdesk", "Tallyhub", "Fieldcraft", "Shipyard CRM", "Clearpath Analytics", "Fleetlogic", "Stackline", "Brightwave"},
	"industry":   {"logistics", "healthcare", "retail", "manufacturing", "financial services", "hospitality", "construction", "software"},
	"pain":       {"longer close cycles", "rising freight costs", "steep increases in raw material costs", "more audit findings", "higher staff turnover", "slower renewals"},
	"sites":      {"warehouses", "clinics", "stores", "offices", "plants"},
	"task":       {"month-end reconciliation", "contract renewals", "shift scheduling", "route planning", "the weekly sales report", "onboarding new drivers", "invoice matching", "forecasting"},
	"topic":      {"the rollout plan", "the audit backlog", "renewal tracking", "the pilot results", "the reporting project", "the security review"},
	"problem":    {"a renewal date slips", "the report breaks", "two people edit the same sheet", "a driver calls in sick", "an invoice doesn't match"},
	"problem2":   {"churn", "errors", "downtime"},
	"team":       {"finance", "sales", "operations", "legal", "dispatch", "support", "marketing"},
	"feature":    {"reporting module", "forecasting engine", "renewal alerts", "mobile app", "approval workflow", "analytics dashboard"},
	"competitor": {"Salesforce", "HubSpot", "NetSuite", "a homegrown tool", "Monday", "Zendesk"},
	"system":     {"Salesforce", "NetSuite", "SAP", "Workday", "QuickBooks", "Slack"},
	"person":     {"our CFO", "my manager", "the VP of operations", "our head of IT", "procurement"},
	"referrer":   {"Priya Shah", "Tom Becker", "Ana Lopez", "Daniel Okafor"},
	"report":     {"pipeline report", "cash forecast", "board deck", "weekly dashboard"},
	"day":        {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"},
	"outcome":    {"double your pipeline this year", "cut your close time in half", "hit your number this quarter", "save a full day every week"},
	"outcome2":   {"a shorter close", "fewer errors", "faster onboarding", "better forecast accuracy"},
	"n":          {"two", "three", "four", "five", "six", "ten", "twelve", "20", "30", "45", "90"},
	"v":          {"5", "6", "7", "2.0"},
}

// firstNames and lastNames make speaker names.
var (
	firstNames = []string{"Dana", "Mark", "Lena", "James", "Sofia", "Ravi", "Grace", "Noah", "Emma", "Carlos", "Aisha", "Ethan", "Nora", "Ryan", "Mei", "Owen", "Rachel", "Priya", "Leo", "Hannah", "Omar", "Julia", "Tariq", "Chloe"}
	lastNames  = []string{"Whitfield", "Lindqvist", "Fischer", "Whitaker", "Rossi", "Patel", "Kim", "Cooper", "Tanaka", "Mendez", "Rahman", "Brooks", "Fernandes", "Blake", "Nguyen", "Okafor", "Schmidt", "Moreau"}
	accounts   = []string{"Acme Freight", "Harbor Logistics", "Pinecrest Foods", "Orbit Fitness", "Brightline Distribution", "Northwind Clinics", "Summit Builders", "Cedar Hotels", "Bluefin Retail", "Granite Manufacturing", "Riverbank Credit", "Lumen Software"}
)
