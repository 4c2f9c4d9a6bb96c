import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { browserServices } from '@/components/library/browser-services';
import { uiLocale } from '@/components/locale';
import '@/components/base.css';

void uiLocale().then((locale) => {
  document.documentElement.lang = locale;
  render(<OptionsApp locale={locale} services={browserServices()} />, document.getElementById('app')!);
});
