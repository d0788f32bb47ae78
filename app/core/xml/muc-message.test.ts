import { describe, expect, it } from 'vitest';
import { findMentions, mentionElements, moderationRequest, parseMentions, parseModeration, parseOccupantId } from './muc-message.ts';
import { parseStanzaXml } from './parse-xml.ts';

const ROOM = 'team@muc.example.test';

describe('room message parsing', () => {
  it('reads a moderator’s removal as XEP-0425 0.3 and 0.2 put it', () => {
    const current = parseStanzaXml(`<message from='${ROOM}' type='groupchat'><retract xmlns='urn:xmpp:message-retract:1' id='s1'><moderated xmlns='urn:xmpp:message-moderate:1' by='${ROOM}/mod'/><reason>Spam</reason></retract></message>`);
    expect(parseModeration(current)).toEqual({ target: 's1', by: `${ROOM}/mod`, reason: 'Spam' });
    const legacy = parseStanzaXml(`<message from='${ROOM}' type='groupchat'><apply-to xmlns='urn:xmpp:fasten:0' id='s2'><moderated xmlns='urn:xmpp:message-moderate:0' by='${ROOM}/mod'><retract xmlns='urn:xmpp:message-retract:0'/></moderated></apply-to></message>`);
    expect(parseModeration(legacy)).toEqual({ target: 's2', by: `${ROOM}/mod`, reason: null });
    // A plain retraction is not a moderation; a fastening without retract neither.
    expect(parseModeration(parseStanzaXml(`<message from='${ROOM}/bob'><retract xmlns='urn:xmpp:message-retract:1' id='s1'/></message>`))).toBeNull();
    expect(parseModeration(parseStanzaXml(`<message><apply-to xmlns='urn:xmpp:fasten:0' id='s3'><moderated xmlns='urn:xmpp:message-moderate:0'/></apply-to></message>`))).toBeNull();
  });

  it('builds the moderation request of either version', () => {
    expect(moderationRequest('s1', 'Spam', true).toString()).toBe(`<moderate xmlns="urn:xmpp:message-moderate:1" id="s1"><retract xmlns="urn:xmpp:message-retract:1"/><reason>Spam</reason></moderate>`);
    expect(moderationRequest('s1', undefined, false).toString()).toBe(`<apply-to xmlns="urn:xmpp:fasten:0" id="s1"><moderate xmlns="urn:xmpp:message-moderate:0"><retract xmlns="urn:xmpp:message-retract:0"/></moderate></apply-to>`);
  });

  it('reads the occupant-id and mention references', () => {
    const message = parseStanzaXml(`<message><occupant-id xmlns='urn:xmpp:occupant-id:0' id='abc'/><reference xmlns='urn:xmpp:reference:0' type='mention' begin='0' end='3' uri='xmpp:${ROOM}/B%C3%B6b'/><reference xmlns='urn:xmpp:reference:0' type='data' uri='https://x'/></message>`);
    expect(parseOccupantId(message)).toBe('abc');
    expect(parseMentions(message)).toEqual([`${ROOM}/Böb`]);
  });

  it('finds nicknames as whole words, in code points, and makes references of them', () => {
    expect(findMentions('😀 bob and Bobby, ask Bob!', ['Bob', 'Bobby'])).toEqual([{ nick: 'Bob', begin: 2, end: 5 }, { nick: 'Bobby', begin: 10, end: 15 }, { nick: 'Bob', begin: 21, end: 24 }]);
    expect(findMentions('no one here', ['Bob'])).toEqual([]);
    expect(mentionElements(ROOM, 'hi Ann', ['Ann'])[0]?.toString()).toBe(`<reference xmlns="urn:xmpp:reference:0" type="mention" begin="3" end="6" uri="xmpp:${ROOM}/Ann"/>`);
  });
});
