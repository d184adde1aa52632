// The page behind <button open-type="contact"> (contact.wxml, SPEC §8.1).
Page({
  data: {
    orderId: '123',
    // What the last bindcontact handed over, shown on the page.
    returned: null,
  },

  // Opened directly or from a card: pages/contact/contact?order=123
  onLoad(query) {
    if (query?.order) this.setData({ orderId: query.order });
  },

  /**
   * Fires when the user taps a mini-program card the server sent in the chat and comes back to
   * the mini program. examples/bot.ts sends MiniProgramPage({ pagePath:
   * 'pages/contact/contact?order=123&from=kefu' }), so here
   *   e.detail.path  === 'pages/contact/contact'
   *   e.detail.query === { order: '123', from: 'kefu' }
   */
  handleContact(e) {
    const path = e.detail.path || '';
    const query = e.detail.query || {};
    if (path !== '' && path !== 'pages/contact/contact') {
      // A card for another page: open it with its query.
      const search = Object.keys(query)
        .map((key) => `${encodeURIComponent(key)}=${encodeURIComponent(query[key])}`)
        .join('&');
      wx.navigateTo({ url: `/${path}${search ? `?${search}` : ''}` });
      return;
    }
    this.setData({
      orderId: query.order || this.data.orderId,
      returned: { path, query: JSON.stringify(query) },
    });
  },
});
