/** Words the synthetic corpus is made of. Every name, place and text here is invented. */
export const LANGUAGES = [
  ['en', 45], ['pt', 12], ['es', 10], ['de', 7], ['fr', 7], ['ja', 6], ['hi', 4], ['ar', 4], ['und', 5],
] as const;

export const TEXTS: Record<string, string[]> = {
  en: ['Shipped a new runbook today', 'Our on-call rotation finally feels humane', 'Dashboards are not observability, questions are', 'Rolled back in 4 minutes thanks to good alerts', 'Hot take: fewer alerts, better sleep', 'Reading the postmortem from last night ☕', 'Tracing found the slow query in seconds 🔍'],
  pt: ['Migramos tudo para o novo cluster hoje', 'Alertas demais cansam a equipa', 'Finalmente temos SLOs que fazem sentido', 'Café e logs às três da manhã ☕', 'Bora falar de observabilidade no meetup 🚀'],
  es: ['Hoy desplegamos sin miedo gracias a los feature flags', 'Nuestro SLO de latencia por fin es realista', 'Revisando métricas con el equipo ☕', 'La trazabilidad nos salvó el día 🙌'],
  de: ['Heute das Monitoring komplett überarbeitet', 'Weniger Alarme, mehr Schlaf', 'Endlich verteiltes Tracing in Produktion 🎉', 'Postmortem ohne Schuldzuweisung, so geht das'],
  fr: ['Déploiement réussi sans interruption aujourd’hui', 'Nos tableaux de bord racontent enfin une histoire', 'Retour d’expérience sur notre astreinte ☕', 'La supervision, c’est un travail d’équipe 💪'],
  ja: ['今日は新しいダッシュボードを公開しました', '障害対応の振り返りを共有します', 'アラートを半分に減らしました 🎉', '分散トレーシングで原因が一目で分かった'],
  hi: ['आज हमने नया मॉनिटरिंग सिस्टम शुरू किया', 'ऑन-कॉल अब पहले से आसान है 🙏', 'लॉग्स पढ़ते हुए सुबह हो गई ☕'],
  ar: ['أطلقنا اليوم لوحة مراقبة جديدة', 'تقليل التنبيهات حسّن نوم الفريق 😴', 'التتبع الموزع وفر علينا ساعات'],
  und: ['🚀🚀🚀', '👀 📈', '🔥🔥', '✅ ☕ 🛠️'],
};

export const FIRST_NAMES = ['Ana', 'João', 'Zoë', 'Liam', 'Maria', 'Hiroshi', 'Yuki', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Lena', 'Jonas', 'Chloé', 'Lucas', 'Sofía', 'Mateo', 'Aiko', 'Noah', 'Emma', 'Αλέξανδρος', 'Мария', 'Ingrid', 'Kwame', 'Amara', 'Chen', 'Mei', 'Tomás', 'Björn', 'Élodie'];
export const LAST_NAMES = ['Silva', 'Santos', 'Müller', 'Schmidt', 'Tanaka', 'Sato', 'Sharma', 'Patel', 'Haddad', 'Nasser', 'Dubois', 'Martin', 'García', 'López', 'Smith', 'Okafor', 'Mensah', 'Wang', 'Li', 'Nowak', 'Johansson', 'Rossi', 'Kowalski', 'Novák', 'Yılmaz', 'Ivanova', 'O’Brien', 'Costa', 'Ferreira', 'Fischer'];
export const ROLES = ['SRE', 'DevOps', 'Platform', 'Observability', 'Security', 'Backend', 'OpenBanking', 'Infra'];

export const LOCATIONS = ['Lisbon, Portugal', 'Porto', 'São Paulo, Brasil', 'Berlin', 'München, Deutschland', 'Paris, France', 'Madrid', 'Buenos Aires', 'Tokyo, Japan', '東京', 'Bengaluru, India', 'Dubai', 'Cairo, Egypt', 'London', 'New York, NY', 'San Francisco, CA', 'Toronto', 'Lagos', 'Nairobi', 'Sydney', 'remote 🌍', 'the cloud ☁️', 'Earth'];

export const PLACES = [
  { id: '0a1b2c3d4e5f6071', full_name: 'Lisbon, Portugal', name: 'Lisbon', country: 'Portugal', country_code: 'PT', place_type: 'city' },
  { id: '1b2c3d4e5f607182', full_name: 'São Paulo, Brazil', name: 'São Paulo', country: 'Brazil', country_code: 'BR', place_type: 'city' },
  { id: '2c3d4e5f60718293', full_name: 'Berlin, Germany', name: 'Berlin', country: 'Germany', country_code: 'DE', place_type: 'city' },
  { id: '3d4e5f60718293a4', full_name: 'Paris, France', name: 'Paris', country: 'France', country_code: 'FR', place_type: 'city' },
  { id: '4e5f60718293a4b5', full_name: 'Madrid, Spain', name: 'Madrid', country: 'Spain', country_code: 'ES', place_type: 'city' },
  { id: '5f60718293a4b5c6', full_name: 'Tokyo, Japan', name: 'Tokyo', country: 'Japan', country_code: 'JP', place_type: 'city' },
  { id: '60718293a4b5c6d7', full_name: 'Bengaluru, India', name: 'Bengaluru', country: 'India', country_code: 'IN', place_type: 'city' },
  { id: '718293a4b5c6d7e8', full_name: 'Cairo, Egypt', name: 'Cairo', country: 'Egypt', country_code: 'EG', place_type: 'city' },
  { id: '8293a4b5c6d7e8f9', full_name: 'New York, NY', name: 'New York', country: 'United States', country_code: 'US', place_type: 'city' },
  { id: '93a4b5c6d7e8f90a', full_name: 'London, England', name: 'London', country: 'United Kingdom', country_code: 'GB', place_type: 'city' },
  { id: 'a4b5c6d7e8f90a1b', full_name: 'Buenos Aires, Argentina', name: 'Buenos Aires', country: 'Argentina', country_code: 'AR', place_type: 'city' },
  { id: 'b5c6d7e8f90a1b2c', full_name: 'Lagos, Nigeria', name: 'Lagos', country: 'Nigeria', country_code: 'NG', place_type: 'city' },
] as const;
