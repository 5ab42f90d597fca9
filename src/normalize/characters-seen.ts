/**
 * What foldCharacters noticed in the text it folded, handed to the later normalization steps:
 * most of them only act on characters that most talk-room messages lack (separators between
 * letters, an '@', a bracket, an emoji, ASCII letters), and would otherwise read the whole
 * text again to find that out. A `true` means "maybe" (the fold may be conservative), a
 * `false` means "certainly not"; a property test holds every step to giving the same answer
 * with these findings as with {@link ANYTHING_SEEN}.
 */
export interface CharactersSeen {
  /** Some whitespace (`\s`). */
  whitespace: boolean;
  /**
   * What a run of separated letters that joinSeparatedLetters joins has: two single letters or
   * digits (none right before or after either) with one to three separators between them ("l"
   * and "i" in "l・i・n・e"), and some separator other than whitespace in the text.
   */
  separatedSingles: boolean;
  /**
   * What a run of spaced-out characters that joinSpacedCharacters joins starts with: a
   * character with whitespace (or the start of the text) before it and whitespace after it
   * ("L" in "L I N E").
   */
  spacedSingles: boolean;
  /** An ASCII letter (a–z; the fold lower-cases). */
  asciiLetter: boolean;
  /** An ASCII digit. */
  asciiDigit: boolean;
  /** An '@'. */
  atSign: boolean;
  /** An opening bracket that can enclose a spelled symbol ("(at)", "【dot】", "[.]"). */
  openBracket: boolean;
  /** A mark people put in place of '@' or inside an ID and then explain ("★を@に"), emoji included. */
  substituteMark: boolean;
  /** A digit right next to a letter that looks like one ("09o", "l23"). */
  digitNextToLookalike: boolean;
}

/**
 * What a step assumes when nobody could tell it what the text has: everything. Steps take it
 * by default, and normalize() passes it whenever the text is not the one the fold looked at.
 */
export const ANYTHING_SEEN: Readonly<CharactersSeen> = Object.freeze({
  whitespace: true,
  separatedSingles: true,
  spacedSingles: true,
  asciiLetter: true,
  asciiDigit: true,
  atSign: true,
  openBracket: true,
  substituteMark: true,
  digitNextToLookalike: true,
});
