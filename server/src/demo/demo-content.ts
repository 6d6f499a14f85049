import type { SeedBlock } from "@concord/schema";

/** A starter code with its definition, for the demo codebook. */
export interface DemoCode {
  readonly name: string;
  readonly description: string;
  readonly inclusion?: string;
  readonly exclusion?: string;
  readonly example?: string;
  readonly children?: readonly DemoCode[];
}

/**
 * The demo codebook: the themes a study of co-production in health and social care integration
 * would start from. Written for Concord; not taken from any study.
 */
export const demoCodebook: readonly DemoCode[] = [
  {
    name: "Understanding",
    description: "How the participant defines or describes co-production.",
    inclusion: "Definitions, metaphors, contrasts with consultation or engagement.",
    exclusion: "Accounts of doing it (code Implementation).",
    example: "“It means working with people, not doing to them.”",
    children: [
      {
        name: "Shared power",
        description: "Co-production as sharing decisions and resources with people who use services.",
      },
      { name: "Lived experience", description: "Valuing the knowledge of people and carers as expertise." },
    ],
  },
  {
    name: "Implementation",
    description: "What the partnership did to put co-production into practice.",
    inclusion: "Structures, methods, projects, roles.",
    example: "“We set up a citizens' panel for the strategic plan.”",
  },
  {
    name: "Sustaining",
    description: "What keeps co-production going beyond a project or a person.",
    example: "“It has to survive the next budget round.”",
  },
  {
    name: "Barriers",
    description: "What gets in the way.",
    children: [
      { name: "Funding and time", description: "Short-term money, pressure to deliver quickly." },
      {
        name: "Culture and risk",
        description: "Professional habits, fear of losing control, risk aversion.",
      },
    ],
  },
  {
    name: "Facilitators",
    description: "What helps.",
    children: [{ name: "Leadership", description: "Leaders who model and protect co-production." }],
  },
  {
    name: "Governance and reform",
    description:
      "Integration joint boards, accountability, national reform (for example a National Care Service).",
  },
];

/** A demo interview: its name, the participant's attributes, and its turns. */
export interface DemoTranscript {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly blocks: readonly SeedBlock[];
}

const turn = (speaker: string, text: string): SeedBlock => ({ kind: "turn", speaker, text });
const interviewer = (text: string) => turn("Interviewer", text);

/**
 * Three short interviews, written for Concord, modelled on semi-structured interviews with a
 * partnership Chief Officer, a national agency lead and a third-sector partner. Fictional people
 * and places.
 */
export const demoTranscripts: readonly DemoTranscript[] = [
  {
    name: "Chief Officer, Partnership A",
    attributes: { role: "Chief Officer", organisation: "Health and social care partnership", area: "Urban" },
    blocks: [
      { kind: "note", text: "Interview 1 · recorded online · 42 minutes" },
      interviewer(
        "Thank you for making the time. To start, what does co-production mean to you in your partnership?",
      ),
      turn(
        "Chief Officer",
        "For me it means working with people, not doing to them. It's sharing power over decisions about the services people use, not just asking their opinion once we've already made up our minds.",
      ),
      interviewer("How is that different from consultation?"),
      turn(
        "Chief Officer",
        "Consultation is when we come with a plan and ask what people think. Co-production starts earlier, with an empty page. The people with lived experience sit at the table from the beginning, and their knowledge counts as expertise alongside the professional view.",
      ),
      interviewer("Can you give me an example of putting that into practice?"),
      turn(
        "Chief Officer",
        "When we rewrote the strategic plan we set up a citizens' panel of twelve people, carers and people who use services, and they co-chaired the working groups. We paid them for their time, which mattered more than I expected.",
      ),
      interviewer("What got in the way?"),
      turn(
        "Chief Officer",
        "Money and time, honestly. A lot of our funding is short-term and comes with a deadline, and co-production takes longer. And there's a culture thing: some professionals worry about losing control, or about risk if people design something we then can't deliver.",
      ),
      interviewer("And what helped?"),
      turn(
        "Chief Officer",
        "Leadership. When the chair of the integration joint board came to the panel and listened, that sent a signal to everyone. You need leaders who protect the time and the budget for it.",
      ),
      interviewer("How do you make sure it lasts?"),
      turn(
        "Chief Officer",
        "We wrote it into our governance: the panel reports to the board twice a year. It has to survive the next budget round and the next Chief Officer, otherwise it was just a project.",
      ),
    ],
  },
  {
    name: "National agency lead",
    attributes: { role: "National lead", organisation: "National improvement agency", area: "National" },
    blocks: [
      { kind: "note", text: "Interview 2 · recorded in person · 38 minutes" },
      interviewer("From a national perspective, how well is co-production understood across partnerships?"),
      turn(
        "Agency lead",
        "Unevenly. Everyone uses the word, but some mean engagement and some mean genuinely shared power. The legislation gives the principle, but not a definition anyone can be held to.",
      ),
      interviewer("What does your agency do to support implementation?"),
      turn(
        "Agency lead",
        "We run a learning network and we fund small tests of change. The partnerships that do it well usually have a person whose job is to make it happen, and a board that asks about it.",
      ),
      interviewer("What are the main barriers you see?"),
      turn(
        "Agency lead",
        "Workforce pressure first. When services are stretched, co-production is the first thing to go because it looks like extra. Then accountability: the integration joint board is accountable, but budgets still sit with the council and the health board, so it's hard to commit money to what people ask for.",
      ),
      interviewer("Does national reform help or hinder?"),
      turn(
        "Agency lead",
        "Both. Reform talk gives it attention, but years of uncertainty about a National Care Service made some partnerships wait rather than act. Sustaining anything through that is hard.",
      ),
    ],
  },
  {
    name: "Third-sector partner",
    attributes: { role: "Chief Executive", organisation: "Carers' charity", area: "Rural" },
    blocks: [
      { kind: "note", text: "Interview 3 · recorded by phone · 29 minutes" },
      interviewer("How does your organisation experience co-production with the partnership?"),
      turn(
        "Partner",
        "Better than five years ago. We're at the table now, not just invited to comment. But it depends on individuals: one good locality manager and it works, a change of staff and we're back to consultation.",
      ),
      interviewer("What would make it sustainable?"),
      turn(
        "Partner",
        "Proper funding for the people who take part, and for us to support them. Carers can't give a day a month for nothing. And trust: it takes years to build and one bad decision made behind closed doors to lose.",
      ),
      interviewer("Is there anything that particularly helped?"),
      turn(
        "Partner",
        "Being paid as partners rather than suppliers. When the partnership commissioned us to run the carers' forum, and then actually changed respite services because of what carers said, people believed it was real.",
      ),
    ],
  },
];
