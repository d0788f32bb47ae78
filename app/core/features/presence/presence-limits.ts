/**
 * How much presence state one stranger can make us keep. Anyone on the network can send us directed
 * presence, from as many JIDs and resources as they care to make up; the contact book and the
 * capabilities (XEP-0115) keep the same bounds, so both forget the same senders.
 */

/**
 * Bare JIDs outside the roster whose presence we keep (presence that arrived before the roster, or
 * directed presence): past this, the one heard from least recently is forgotten. Roster contacts are
 * never counted. 1,000 holds every presence that can precede a roster in practice (ours is fetched
 * before our first presence goes out) while keeping at most 1,000 × 32 entries for a flood.
 */
export const MAX_UNLISTED_JIDS = 1_000;

/**
 * Resources (devices) of one bare JID that we keep: a person has a handful; 32 leaves plenty of room and
 * bounds what each update copies and sends on (a contact's whole list of resources). A new resource
 * past the cap makes the one updated least recently go: a new device shows up, and a flood of made-up
 * resources only churns the flooder's own entry.
 */
export const MAX_RESOURCES_PER_JID = 32;
