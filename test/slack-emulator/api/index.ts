/** Every Web API method the emulator knows; anything else answers `unknown_method`. */
import { authUserMethods } from "./auth-users";
import { chatMethods } from "./chat";
import { conversationWriteMethods } from "./conversations";
import { conversationReadMethods } from "./conversations-read";
import { itemMethods } from "./items";
import type { MethodSpec } from "./kit";
import { oauthMethods } from "./oauth";
import { viewMethods } from "./views";

export const METHODS: Record<string, MethodSpec> = {
  ...authUserMethods,
  ...oauthMethods,
  ...conversationWriteMethods,
  ...conversationReadMethods,
  ...chatMethods,
  ...itemMethods,
  ...viewMethods,
};
