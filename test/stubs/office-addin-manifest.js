// Jest stand-in for office-addin-manifest: office-addin-mock imports only this enum from it.
module.exports = {
  OfficeApp: {
    Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word',
  },
};
