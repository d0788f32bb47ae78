/**
 * Receipts, read markers, typing, corrections and retractions between alice (Chromium, through the
 * web host) and bob (a scripted peer that speaks the XEPs by hand), through the real Prosody.
 */
import { startPeer } from './peer.ts';
import { expect, signIn, test } from './fixtures.ts';

test('own messages go Sent → Delivered → Read; typing shows; corrections and retractions travel both ways', async ({ page, server, webHost }) => {
  const { alice, bob } = server.accounts;
  await page.goto(webHost.url);
  await signIn(page, server, alice);
  await expect(page.getByText('Connected', { exact: true })).toBeVisible();
  const bobPeer = await startPeer(server, bob, { resource: 'features' });
  try {
    const contacts = page.getByRole('list', { name: 'Contacts' });
    await contacts.getByRole('listitem', { name: /Bob.*Online/u }).click();
    const log = page.getByRole('log', { name: 'Conversation with Bob' });
    const composer = page.getByRole('textbox', { name: 'Message', exact: true });

    // Typing is announced once, then the message asks for a receipt and a marker.
    await composer.pressSequentially('Did you get the report?');
    const composing = await bobPeer.waitForStanza((s) => s.name === 'message' && s.getChild('composing', 'http://jabber.org/protocol/chatstates') !== undefined);
    expect(composing.getChild('body')).toBeUndefined();
    await composer.press('Enter');
    const sent = await bobPeer.waitForMessage((m) => m.body === 'Did you get the report?');
    expect(sent.stanza.getChild('request', 'urn:xmpp:receipts')).toBeDefined();
    expect(sent.stanza.getChild('markable', 'urn:xmpp:chat-markers:0')).toBeDefined();
    const mine = log.getByRole('article').filter({ hasText: 'Did you get the report?' });
    await expect(mine).toContainText('Sent');

    await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat'><received xmlns='urn:xmpp:receipts' id='${sent.id}'/></message>`);
    await expect(mine).toContainText('Delivered');
    await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat'><displayed xmlns='urn:xmpp:chat-markers:0' id='${sent.id}'/></message>`);
    await expect(mine).toContainText('Read');

    // Bob types, then answers asking for a receipt and a marker: alice sends both (she has the conversation open).
    await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat'><composing xmlns='http://jabber.org/protocol/chatstates'/></message>`);
    await expect(page.getByText('Bob is typing…')).toBeVisible();
    await bobPeer.sendRaw(
      `<message to='${alice.jid}' type='chat' id='bob-1'><body>Yes, thanks!</body><request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/><active xmlns='http://jabber.org/protocol/chatstates'/></message>`,
    );
    await expect(log).toContainText('Yes, thanks!');
    await expect(page.getByText('Bob is typing…')).toHaveCount(0);
    await bobPeer.waitForStanza((s) => s.getChild('received', 'urn:xmpp:receipts')?.attrs.id === 'bob-1');
    await bobPeer.waitForStanza((s) => s.getChild('displayed', 'urn:xmpp:chat-markers:0')?.attrs.id === 'bob-1');

    // Bob corrects his message: alice sees the new text, marked Edited.
    await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat' id='bob-2'><body>Yes, thanks a lot!</body><replace xmlns='urn:xmpp:message-correct:0' id='bob-1'/></message>`);
    const his = log.getByRole('article').filter({ hasText: 'Yes, thanks a lot!' });
    await expect(his).toContainText('Edited');
    await expect(log.getByRole('article').filter({ hasText: /^(?!.*a lot).*Yes, thanks!/u })).toHaveCount(0);

    // Alice corrects her last message with Up, then retracts it: bob receives both.
    await composer.click();
    await composer.press('ArrowUp');
    await expect(composer).toHaveValue('Did you get the report?');
    await composer.fill('Did you get the final report?');
    await composer.press('Enter');
    const correction = await bobPeer.waitForMessage((m) => m.body === 'Did you get the final report?');
    expect(correction.stanza.getChild('replace', 'urn:xmpp:message-correct:0')?.attrs.id).toBe(sent.id);
    const corrected = log.getByRole('article').filter({ hasText: 'Did you get the final report?' });
    await expect(corrected).toContainText('Edited');

    // Retract lives in the message's menu (Message actions).
    await corrected.getByRole('button', { name: 'Message actions' }).click();
    await corrected.getByRole('menuitem', { name: 'Retract' }).click();
    const retraction = await bobPeer.waitForStanza((s) => s.getChild('retract', 'urn:xmpp:message-retract:1') !== undefined);
    expect(retraction.getChild('retract', 'urn:xmpp:message-retract:1')?.attrs.id).toBe(sent.id);
    await expect(log).toContainText('You retracted this message.');
    await expect(log).not.toContainText('final report');

    // Someone else's retraction of alice's message would be ignored; bob's of his own works.
    await bobPeer.sendRaw(`<message to='${alice.jid}' type='chat'><retract xmlns='urn:xmpp:message-retract:1' id='bob-1'/><body>fallback</body></message>`);
    await expect(log).toContainText('This message was retracted.');
    await expect(log).not.toContainText('thanks a lot');
    await expect(log).not.toContainText('fallback');
  } finally {
    await bobPeer.stop();
  }
});
