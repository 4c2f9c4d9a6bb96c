/**
 * Boxes inside the article's region that are or are not part of what the author wrote (generic
 * path, findExcluded): the reader sees exactly what these rules keep.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../utils/extract/index';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const PARAGRAPH =
  '<p>Cold frames let you start lettuce and spinach weeks before the last frost, and they keep the soil warm enough for seeds to sprout.</p>';
const URL = 'https://garden.example.com/2026/03/cold-frames-for-early-greens';
const page = (inside: string) =>
  parse(`<html><head><title>Cold frames for early greens</title></head><body><nav><a href="/">Home</a></nav>
<article class="post"><h1>Cold frames for early greens</h1><div class="entry-content">${PARAGRAPH.repeat(8)}${inside}</div></article>
<footer><p>© Garden Example</p></footer></body></html>`);

describe('the box about the author after a post', () => {
  const bio = '<p>Dana Reyes is a master gardener and writer who has grown vegetables in Zone 5 for twenty years, and teaches classes at the community garden.</p>';

  it.each([
    ['an author-bio block', `<div class="author-bio"><h4>Dana Reyes</h4>${bio}</div>`],
    ['an author box plugin', `<div class="saboxplugin-wrap"><div class="saboxplugin-desc">${bio}</div></div>`],
    ['an "about the author" section', `<section id="about-the-author"><h3>Dana Reyes</h3>${bio}</section>`],
    ['a contributor card', `<div class="sno-contributor-profile"><div class="contributor-text">${bio}</div></div>`],
  ])('is left out of the text when it is %s', (_label, box) => {
    const result = extractArticle(page(box), URL);
    expect(result.text).toContain('keep the soil warm');
    expect(result.text).not.toContain('master gardener');
  });

  it('does not take out a block whose class only mentions the author, nor a shop owner\'s bio', () => {
    const note = '<div class="author-note-inline"><p>Water the frame in the morning so the leaves dry before the cold night comes back again.</p></div>';
    const store = '<div class="store-information__bio"><p>Welcome to our garden shop: we build every frame by hand in our barn outside Duluth.</p></div>';
    const result = extractArticle(page(note + store), URL);
    expect(result.text).toContain('Water the frame in the morning');
    expect(result.text).toContain('we build every frame by hand');
  });
});

describe('boxes with controls', () => {
  it('keeps a section of prose whose only buttons are icons (badges with tooltips)', () => {
    const badge = (label: string) => `<button type="button" class="icon-button" aria-label="${label}"><img src="/i/${label}.svg" alt=""></button>`;
    const section = `<div class="wp-block-group"><h3>1. Sturdy Frames Co.</h3>${badge('Recycled')}${badge('Woman owned')}${badge('Budget')}
<p>Sturdy Frames makes cedar cold frames that last a decade, with twin-wall lids that hold heat through a frosty night.</p>
<p>The kit goes together in an hour, with no tools beyond a screwdriver, and the lid props open at three heights.</p></div>`;
    const result = extractArticle(page(section), URL);
    expect(result.text).toContain('Sturdy Frames makes cedar cold frames');
  });

  it('still leaves out a sign-up form and a shop card with labelled buttons', () => {
    const signup = `<div class="box"><p>Get our planting calendar</p><input type="email" name="email"><input type="hidden" name="list" value="7"><button>Subscribe</button></div>`;
    const shop = `<div class="card"><p>Cedar cold frame kit $89</p><select name="size"><option>Small</option></select><button>Add to cart</button><button>Buy now</button></div>`;
    const result = extractArticle(page(signup + shop), URL);
    expect(result.text).toContain('keep the soil warm');
    expect(result.text).not.toContain('planting calendar');
    expect(result.text).not.toContain('Cedar cold frame kit');
  });
});

describe('tab lists', () => {
  const faq = (question: string, answer: string, i: number) =>
    `<div role="tab" id="h${i}"><button aria-controls="c${i}">${question}</button></div><div id="c${i}" role="tabpanel"><p>${answer}</p></div>`;

  it('keeps the panels of an accordion marked up as a tab list (a FAQ, eligibility rules)', () => {
    const accordion = `<div class="accordion" role="tablist">${faq('Which frames qualify?', 'Frames with a twin-wall lid and a cedar or recycled plastic body qualify for the rebate.', 1)}${faq('How do I claim?', 'Send the receipt within 120 days of purchase, with the model number written on it.', 2)}</div>`;
    const result = extractArticle(page(accordion), URL);
    expect(result.text).toContain('twin-wall lid and a cedar');
    expect(result.text).toContain('within 120 days of purchase');
  });

  it('still leaves out a bar of tabs whose panels are elsewhere', () => {
    const tabs = `<ul role="tablist"><li role="tab"><a href="#spring">Spring sowing calendar</a></li><li role="tab"><a href="#autumn">Autumn sowing calendar</a></li></ul>`;
    const result = extractArticle(page(tabs), URL);
    expect(result.text).toContain('keep the soil warm');
    expect(result.text).not.toContain('sowing calendar');
  });
});

describe('accordions', () => {
  const item = (question: string, answer: string, button: string) =>
    `<div class="item">${button.replace('QUESTION', question)}<div class="panel"><p>${answer}</p></div></div>`;
  const answers = [
    'Cedar lasts a decade outdoors and needs no paint, while pine rots within three seasons in wet soil.',
    'Prop the lid open on any day above ten degrees, or the seedlings will cook by noon.',
    'Lettuce, spinach, radishes and scallions all do well, sown about six weeks before the last frost.',
  ];

  it.each([
    ['aria-expanded', '<button aria-expanded="false">QUESTION</button>'],
    ['aria-controls', '<button aria-controls="p1">QUESTION</button>'],
    ['an accordion class (before a script adds ARIA)', '<button class="accordion__trigger">QUESTION</button>'],
  ])('keeps the answers of an accordion (not a form, however many buttons) whose buttons are marked by %s', (_label, button) => {
    const questions = ['Which wood is best?', 'When do I open the lid?', 'What can I grow?'];
    const box = `<div class="faq">${questions.map((q, i) => item(q, answers[i]!, button)).join('')}</div>`;
    const result = extractArticle(page(box), URL);
    for (const answer of answers) expect(result.text).toContain(answer);
  });

  it('still leaves out a box of menu buttons (aria-haspopup) around a line of text', () => {
    const menuButton = (label: string) => `<button aria-expanded="false" aria-haspopup="true">${label}</button>`;
    const box = `<div class="toolbar-box"><p>Sort and filter the frames</p>${menuButton('Sort by')}${menuButton('Size')}${menuButton('Material')}</div>`;
    const result = extractArticle(page(box), URL);
    expect(result.text).toContain('keep the soil warm');
    expect(result.text).not.toContain('Sort and filter the frames');
  });
});

describe('code blocks', () => {
  it('keeps a highlighted code block whole, comments included, though its spans have class names like "hljs-comment"', () => {
    const code = `<p>Set up the sensor with these two commands:</p><pre><code class="language-bash hljs"><span class="hljs-comment"># read the soil temperature every hour</span>
frame-sensor --interval 1h
<span class="hljs-comment"># open the lid above twenty degrees</span>
frame-lid --open-above 20</code></pre>`;
    const result = extractArticle(page(code), URL);
    expect(result.text).toContain('# read the soil temperature every hour\nframe-sensor --interval 1h\n# open the lid above twenty degrees');
  });
});

describe('lists in the text', () => {
  it('keeps a checklist whose items carry tick boxes, and still drops a sign-up form laid out as a list', () => {
    const item = (text: string) => `<li><input type="checkbox" disabled> ${text}</li>`;
    const checklist = `<h3>Before the first frost</h3><ul>${item('Clear the old crop and compost it')}${item('Check the lid hinges and oil them')}${item('Top up the bed with two inches of compost')}${item('Sow lettuce and spinach in short rows')}</ul>`;
    const signup = `<ul class="signup"><li>Get our planting calendar</li><li><input type="checkbox" name="weekly"> Weekly tips</li><li><input type="email" name="email"></li><li><button>Subscribe</button></li></ul>`;
    const result = extractArticle(page(checklist + signup), URL);
    expect(result.text).toContain('Check the lid hinges and oil them');
    expect(result.text).toContain('Sow lettuce and spinach in short rows');
    expect(result.text).not.toContain('planting calendar');
  });

  it('keeps a list of labelled links that follows a paragraph, and drops a bare list of links there', () => {
    const labelled = `<p>These suppliers sell frames we have tested:</p><ul>
<li>Cedar frames by hand: <a href="https://a.example.com">Sturdy Frames of Duluth</a></li>
<li>Lids cut to any size: <a href="https://b.example.com">Clearview Panel Makers</a></li>
<li>Openers without power: <a href="https://c.example.com">Vent Works Garden Supply</a></li></ul>`;
    const bare = `<p>More from the blog:</p><ul><li><a href="/a">Raised beds</a></li><li><a href="/b">Seed saving</a></li><li><a href="/c">Compost tea</a></li></ul>`;
    const result = extractArticle(page(labelled + bare), URL);
    expect(result.text).toContain('Cedar frames by hand: Sturdy Frames of Duluth');
    expect(result.text).toContain('Openers without power: Vent Works Garden Supply');
    expect(result.text).not.toContain('Seed saving');
  });
});

describe('credit lines of pictures', () => {
  it('leaves out a credit line, and keeps the caption itself and a credits section', () => {
    const figure = '<figure><img src="/f.jpg" alt=""><figcaption>A frame of cedar boards on the south wall.</figcaption><span class="photo-credit">Credit: Dana Reyes</span></figure>';
    const credits = '<section id="section_credits"><h3>Credits</h3><p>Photography: Sam Ortiz</p></section>';
    const result = extractArticle(page(figure + credits), URL);
    expect(result.text).toContain('keep the soil warm');
    expect(result.text).toContain('A frame of cedar boards');
    expect(result.text).not.toContain('Credit: Dana Reyes');
    expect(result.text).toContain('Photography: Sam Ortiz');
  });
});

describe('a list of links the text announces', () => {
  const item = (n: number) => `<li><p><a href="https://forge.example.org/pulls/${n}">Frame hinge patch number ${n} for the lid</a></p></li>`;
  const items = [1, 2, 3, 4, 5, 6].map(item).join('');
  // AsciiDoc's markup: every paragraph and list in a wrapper of its own, the section under its heading.
  const section = (intro: string) => `<div class="sect1"><h2>Patches</h2><div class="sectionbody">
<div class="paragraph"><p>${intro}</p></div><div class="ulist"><ul>${items}</ul></div></div></div>`;

  it('keeps a bare list of links after a paragraph ending in a colon, with the section holding it', () => {
    const result = extractArticle(page(section('Many patches were sent for review:')), URL);
    expect(result.text).toContain('Many patches were sent for review:');
    expect(result.text).toContain('Frame hinge patch number 6 for the lid');
  });

  it('still leaves out other pages announced as further reading', () => {
    const result = extractArticle(page(section('More on cold frames:')), URL);
    expect(result.text).toContain('keep the soil warm');
    expect(result.text).not.toContain('Frame hinge patch number 6');
  });
});

describe('boxes after the text named by their heading', () => {
  it.each([
    ['Recommended Articles'],
    ['Up next'],
    ['About the author'],
    ['Recent posts'],
  ])('leaves out a box headed "%s"', (heading) => {
    const box = `<div class="wp-block-group"><h3>${heading}</h3><p><a href="/raised-beds">Raised beds for a small yard</a></p><p>Dana Reyes writes about vegetables and small gardens for Garden Example.</p></div>`;
    const result = extractArticle(page(box), URL);
    expect(result.text).toContain('keep the soil warm');
    expect(result.text).not.toContain(heading);
    expect(result.text).not.toContain('Raised beds for a small yard');
  });

  it('leaves out the toggle of a table of contents and a "Continue reading" link', () => {
    const result = extractArticle(page('<button class="toc-toggle"></button><p class="toc-title">Contents</p><p><a href="/next">Continue reading</a></p>'), URL);
    expect(result.text).toContain('keep the soil warm');
    expect(result.text).not.toMatch(/Contents|Continue reading/);
  });

  it('leaves out a "Like this:" line and a "Skip to content" link', () => {
    const result = extractArticle(page('<p><a href="#main">Skip to content</a></p><h3>Like this:</h3><p>Like Loading...</p>'), URL);
    expect(result.text).not.toMatch(/Skip to content|Like this|Loading/);
  });
});

describe('a section repeated for another screen size', () => {
  const section = '<h2>What a frame costs</h2><p>A cedar frame kit costs between eighty and one hundred and twenty dollars, and a twin-wall lid adds another forty, so most gardeners spend about one hundred and fifty dollars on a frame that lasts ten years.</p>';

  it('is read once when a site builder renders one copy per screen size', () => {
    const copies = ['desktop', 'tablet', 'phone'].map((size) => `<div class="ssr-variant hidden-${size}">${section}</div>`).join('');
    const result = extractArticle(page(copies), URL);
    expect(result.text.split('What a frame costs').length - 1).toBe(1);
    expect(result.text.split('lasts ten years').length - 1).toBe(1);
    expect(result.text).toContain('keep the soil warm');
  });

  it('keeps a line or a single paragraph said twice, and a block wrapped in a single child', () => {
    const note = '<p>Water in the morning.</p>';
    const reminder = '<div>Frames heat up fast: on a sunny afternoon in March the air under a closed lid can pass thirty degrees, which scorches young lettuce, so prop the lid open whenever the sun is out, even for an hour at lunch.</div>';
    const result = extractArticle(page(`<div><div>${section}</div></div>${note}${reminder}<p>Open the lid on sunny days.</p>${note}${reminder}`), URL);
    expect(result.text).toContain('lasts ten years');
    expect(result.text.split('Water in the morning.').length - 1).toBe(2);
    expect(result.text.split('prop the lid open whenever the sun is out').length - 1).toBe(2);
  });
});

describe('an <aside> inside the text', () => {
  const callout =
    '<aside class="center"><p><strong>Not every frame is the same.</strong><br>Glass frames hold the most heat, while plastic ones are lighter and cheaper, and a frame made of straw bales can be taken apart after spring, so choose by how long you will use it.</p></aside>';
  const middle = (box: string) =>
    parse(`<html><head><title>Cold frames for early greens</title></head><body><nav><a href="/">Home</a></nav>
<article class="post"><h1>Cold frames for early greens</h1><div class="entry-content">${PARAGRAPH.repeat(4)}${box}${PARAGRAPH.repeat(4)}</div></article>
<footer><p>© Garden Example</p></footer></body></html>`);

  it('is text when it sets off a paragraph of prose between the paragraphs', () => {
    const result = extractArticle(middle(callout), URL);
    expect(result.text).toContain('Glass frames hold the most heat');
    const headed =
      '<aside><h3><a href="#a-note-on-glass">A note on glass</a></h3><p>Old windows make good lids, but check them for lead paint first, and never use a pane that is cracked, because the first hard frost of the night will split it further and drop sharp shards of glass into the bed.</p></aside>';
    expect(extractArticle(middle(headed), URL).text).toContain('check them for lead paint');
  });

  it('is left out when it is links, a sidebar by its class, or a short pull quote', () => {
    const links = `<aside><h3>More on frames</h3><ul>${[1, 2, 3].map((n) => `<li><a href="/frames-${n}">How to build a cold frame, part ${n} of the series on frames</a></li>`).join('')}</ul></aside>`;
    const sidebar = '<aside class="sidebar"><p>Our shop sells frames, seeds and tools: visit us on Saturdays, from spring until the first frost of the autumn, in the old barn by the river.</p></aside>';
    const quote = '<aside><p>“Start lettuce weeks before the last frost.”</p></aside>';
    const reply =
      '<aside class="quote" data-username="dana"><div class="title">dana:</div><blockquote><p>Mine is an old window on four boards, and it has kept the spinach alive through two hard frosts, even in the wind, without any heating at all.</p></blockquote></aside>';
    const preview =
      '<aside class="onebox"><article><h3><a href="https://video.example.net/@frames">Frames Channel</a></h3><p>Frames Channel is focused on everything about frames: we build them, we review kits, we test glass against plastic, and we show you how to start seeds early.</p></article></aside>';
    for (const box of [links, sidebar, quote, reply, preview]) {
      const result = extractArticle(middle(box), URL);
      expect(result.text).not.toMatch(/How to build a cold frame|Our shop sells frames|“Start lettuce|Mine is an old window|Frames Channel is focused/);
    }
  });
});
