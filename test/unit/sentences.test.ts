import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.ts';

describe('splitSentences', () => {
  it('splits plain sentences and ends one at ! and ?', () => {
    expect(splitSentences('It rained. Was it cold? Yes! The match went on.')).toEqual([
      'It rained.',
      'Was it cold?',
      'Yes!',
      'The match went on.',
    ]);
  });

  it('keeps titles and other abbreviations inside the sentence', () => {
    expect(
      splitSentences(
        "Mr. Smith and Mrs. Jones met Dr. Lee and Prof. Hall at St. Paul's. They talked.",
      ),
    ).toEqual([
      "Mr. Smith and Mrs. Jones met Dr. Lee and Prof. Hall at St. Paul's.",
      'They talked.',
    ]);
    expect(
      splitSentences('Arsenal vs. Chelsea is on Jan. 5 and Feb. 9. Tickets sold out.'),
    ).toEqual(['Arsenal vs. Chelsea is on Jan. 5 and Feb. 9.', 'Tickets sold out.']);
    expect(splitSentences('He lives at No. 10 Downing Street. It is small.')).toEqual([
      'He lives at No. 10 Downing Street.',
      'It is small.',
    ]);
  });

  it('reads U.S., U.K. and a.m. by what follows: a function word opens a new sentence', () => {
    expect(
      splitSentences('The U.S. President met U.K. ministers at 9 a.m. on Monday.'),
    ).toHaveLength(1);
    expect(splitSentences('Troops left the U.S. The war went on.')).toEqual([
      'Troops left the U.S.',
      'The war went on.',
    ]);
    expect(splitSentences('The talks began at 9 a.m. They ended late.')).toEqual([
      'The talks began at 9 a.m.',
      'They ended late.',
    ]);
  });

  it('ends a sentence after Inc., Ltd., Co., Corp. and etc. only before a function word', () => {
    expect(splitSentences('Shares in Acme Inc. rose. Profits at Widget Ltd. It fell.')).toEqual([
      'Shares in Acme Inc. rose.',
      'Profits at Widget Ltd.',
      'It fell.',
    ]);
    expect(splitSentences('Apples, pears etc. The shop sells them all.')).toHaveLength(2);
    expect(splitSentences('Bought by Tata Co. Chief executive Ravi Rao said so.')).toHaveLength(1);
  });

  it('keeps initials with the name', () => {
    expect(splitSentences('J. K. Rowling met George W. Bush. T. S. Eliot did not.')).toEqual([
      'J. K. Rowling met George W. Bush.',
      'T. S. Eliot did not.',
    ]);
  });

  it('keeps decimals, money and percentages whole', () => {
    expect(splitSentences('Sales rose 3.5% to $10.9bn (£5.8bn). Staff numbers hit 1.2m.')).toEqual([
      'Sales rose 3.5% to $10.9bn (£5.8bn).',
      'Staff numbers hit 1.2m.',
    ]);
  });

  it('splits sentences glued without a space, but not U.S.Army', () => {
    expect(splitSentences('Sales rose to $10.9bn.For the full-year, profit rose.')).toEqual([
      'Sales rose to $10.9bn.',
      'For the full-year, profit rose.',
    ]);
    expect(splitSentences('The BBC said so.It was true.')).toHaveLength(2);
    expect(splitSentences('The U.S.Army said no.')).toEqual(['The U.S.Army said no.']);
    expect(splitSentences('Visit Amazon.com today. Mr.Smith came.')).toEqual([
      'Visit Amazon.com today.',
      'Mr.Smith came.',
    ]);
  });

  it('ends a sentence after its closing quote', () => {
    expect(splitSentences('He said: "It was good." Then he left.')).toEqual([
      'He said: "It was good."',
      'Then he left.',
    ]);
    expect(splitSentences('She asked: ‘Why?’ Nobody knew. “We won.” It was over.')).toEqual([
      'She asked: ‘Why?’',
      'Nobody knew.',
      '“We won.”',
      'It was over.',
    ]);
    expect(splitSentences('"Why?" he asked.')).toEqual(['"Why?" he asked.']);
    expect(splitSentences('Profits fell."We are sorry," he said.')).toHaveLength(2);
  });

  it('treats an ellipsis as an end only before a capital', () => {
    expect(splitSentences('He paused... and then spoke. It was over… The crowd left.')).toEqual([
      'He paused... and then spoke.',
      'It was over…',
      'The crowd left.',
    ]);
    expect(splitSentences('...and so it ended.')).toEqual(['...and so it ended.']);
  });

  it('always ends a sentence at a paragraph break, and joins wrapped lines', () => {
    expect(
      splitSentences('A headline without a stop\n\nThe first line\nwraps here. Done.'),
    ).toEqual(['A headline without a stop', 'The first line wraps here.', 'Done.']);
  });

  it('opens a sentence with a lowercase brand name such as iPod', () => {
    expect(splitSentences('Sales were strong. iPod sales doubled.')).toHaveLength(2);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n ... ')).toEqual([]);
  });
});
