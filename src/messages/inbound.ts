/**
 * Pushes as handlers see them (DESIGN §7, SPEC §1.5–§1.7): WeChat's own PascalCase field names,
 * `CreateTime` a number and `MsgId` a string in XML and JSON pushes alike. A discriminated union
 * on `MsgType` and, for events, on `Event`. Kinds this SDK does not know arrive as
 * {@link UnknownMessage} / {@link UnknownEvent}, never rejected.
 */

/**
 * A `MsgType`/`Event` value not listed here. At run time it is any other string; the type is a
 * pattern no real value has, so that `message.MsgType === 'text'` narrows to {@link TextMessage}
 * alone (a plain `string` would leave `TextMessage | UnknownMessage`). To test for a kind that has
 * no type of its own, use `server.on('event.<name>')` or `isMessage(message, 'event.<name>')`.
 */
export type UnknownKind = `${string}\u0000unknown`;

/** Fields every push carries. */
export interface InboundBase {
  /** The account's original id (`gh_…`). */
  readonly ToUserName: string;
  /** The sender's OpenID. */
  readonly FromUserName: string;
  /** Unix seconds. */
  readonly CreateTime: number;
}

/** A user message (not an event): it has a 64-bit `MsgId`, as a string. */
export interface UserMessageBase extends InboundBase {
  readonly MsgId: string;
}

export interface TextMessage extends UserMessageBase {
  readonly MsgType: 'text';
  readonly Content: string;
  /** Official accounts: the message came from an article. */
  readonly MsgDataId?: string;
  readonly Idx?: string;
  /** Official accounts: the id of the `msgmenu` option the user tapped. */
  readonly bizmsgmenuid?: string;
}

export interface ImageMessage extends UserMessageBase {
  readonly MsgType: 'image';
  readonly PicUrl: string;
  /** Temporary media id: `app.media.get(MediaId)` within 3 days. */
  readonly MediaId: string;
}

/** Official accounts. */
export interface VoiceMessage extends UserMessageBase {
  readonly MsgType: 'voice';
  readonly MediaId: string;
  /** `amr`, `speex`… */
  readonly Format: string;
  readonly MediaId16K?: string;
  readonly Recognition?: string;
}

/** Official accounts. */
export interface VideoMessage extends UserMessageBase {
  readonly MsgType: 'video' | 'shortvideo';
  readonly MediaId: string;
  readonly ThumbMediaId: string;
}

/** Official accounts. */
export interface LocationMessage extends UserMessageBase {
  readonly MsgType: 'location';
  /** Latitude. */
  readonly Location_X: string;
  /** Longitude. */
  readonly Location_Y: string;
  readonly Scale: string;
  readonly Label: string;
}

/** Official accounts. */
export interface LinkMessage extends UserMessageBase {
  readonly MsgType: 'link';
  readonly Title: string;
  readonly Description: string;
  readonly Url: string;
}

/** A mini-program card the user shared into the chat. */
export interface MiniProgramPageMessage extends UserMessageBase {
  readonly MsgType: 'miniprogrampage';
  readonly Title: string;
  readonly AppId: string;
  readonly PagePath: string;
  readonly ThumbUrl: string;
  readonly ThumbMediaId: string;
}

/** Fields of every event. Events have no `MsgId`. */
export interface EventBase extends InboundBase {
  readonly MsgType: 'event';
}

/** The user opened the chat from a `<button open-type="contact">` (mini programs). */
export interface UserEnterTempSessionEvent extends EventBase {
  readonly Event: 'user_enter_tempsession';
  /** The button's `session-from` attribute; may be `''`. */
  readonly SessionFrom: string;
}

/** The console's debugging push (SPEC §9.5). */
export interface DebugDemoEvent extends EventBase {
  readonly Event: 'debug_demo';
  readonly debug_str: string;
}

/** Official accounts: follow, optionally through a QR code (`EventKey` `qrscene_…`). */
export interface SubscribeEvent extends EventBase {
  readonly Event: 'subscribe';
  readonly EventKey?: string;
  readonly Ticket?: string;
}

export interface UnsubscribeEvent extends EventBase {
  readonly Event: 'unsubscribe';
}

/** Official accounts: a follower scanned a parametric QR code. */
export interface ScanEvent extends EventBase {
  readonly Event: 'SCAN';
  readonly EventKey: string;
  readonly Ticket: string;
}

/** Official accounts: reported location. */
export interface LocationEvent extends EventBase {
  readonly Event: 'LOCATION';
  readonly Latitude: string;
  readonly Longitude: string;
  readonly Precision: string;
}

/** Official accounts: a menu click. */
export interface ClickEvent extends EventBase {
  readonly Event: 'CLICK';
  readonly EventKey: string;
}

/** Official accounts: a menu link (`EventKey` is the URL) or mini-program menu item. */
export interface ViewEvent extends EventBase {
  readonly Event: 'VIEW' | 'view_miniprogram';
  readonly EventKey: string;
  readonly MenuId?: string;
}

/** Official accounts: customer-service session events. */
export interface KfSessionEvent extends EventBase {
  readonly Event: 'kf_create_session' | 'kf_close_session' | 'kf_switch_session';
  readonly KfAccount?: string;
  readonly FromKfAccount?: string;
  readonly ToKfAccount?: string;
}

/** An event this SDK has no type for (`Event` is none of the listed names). */
export interface UnknownEvent extends EventBase {
  readonly Event: UnknownKind;
  readonly [field: string]: unknown;
}

/** Every event. Narrow on `Event`. */
export type EventMessage =
  | UserEnterTempSessionEvent
  | DebugDemoEvent
  | SubscribeEvent
  | UnsubscribeEvent
  | ScanEvent
  | LocationEvent
  | ClickEvent
  | ViewEvent
  | KfSessionEvent
  | UnknownEvent;

/**
 * A push of a `MsgType` this SDK has no type for, or one without `MsgType` at all (third-party
 * platform notices carry `InfoType`). Fields are `unknown`: check before use.
 */
export interface UnknownMessage {
  readonly MsgType?: UnknownKind;
  readonly ToUserName?: string;
  readonly FromUserName?: string;
  readonly CreateTime?: number;
  readonly [field: string]: unknown;
}

/** Every push a handler can receive. Narrow on `MsgType`, then on `Event`. */
export type InboundMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | LocationMessage
  | LinkMessage
  | MiniProgramPageMessage
  | EventMessage
  | UnknownMessage;

/** The `MsgType` values with their own type. */
export type KnownMsgType = Exclude<InboundMessage['MsgType'], UnknownKind | undefined>;

/** The `Event` values with their own type. */
export type KnownEvent = Exclude<EventMessage['Event'], UnknownKind>;

/**
 * What `server.on(key)` and `server.push(handler, key)` accept (DESIGN §7): `'*'`, a `MsgType`,
 * `'event.<Event>'` (any event name, known ones autocomplete), or an array of these.
 */
export type MessageKey = '*' | KnownMsgType | `event.${KnownEvent}` | `event.${string}`;

/** The message type a handler for `key` receives (a union of keys gives the union of types). */
export type InboundFor<Key extends string> = Key extends '*'
  ? InboundMessage
  : Key extends 'event'
    ? EventMessage
    : Key extends `event.${infer Name}`
      ? Name extends KnownEvent
        ? EventNamed<Name, EventMessage>
        : UnknownEvent
      : Key extends KnownMsgType
        ? OfMsgType<Key, Exclude<InboundMessage, UnknownMessage>>
        : never;

/** Members of `M` whose `Event` admits `Name` (distributive, so `'VIEW' | 'view_miniprogram'` works). */
type EventNamed<Name extends string, M> = M extends { readonly Event: infer E }
  ? Name extends E
    ? M
    : never
  : never;

type OfMsgType<Name extends string, M> = M extends { readonly MsgType: infer T }
  ? Name extends T
    ? M
    : never
  : never;
