/** Something a person could not do in Slack (a missing button, a channel they are not in): the driver throws it. */
export class BadInteraction extends Error {}
