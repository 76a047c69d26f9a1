// 人才需求发布 journey: HR publishes a demand, the talent office approves it, an opted-in talent sees it
// recommended with the reasons and applies with their record, HR sees the applicant ranked.
import { expectHeading, homeTitles, journey, shoot, signIn, signOut } from '../harness';

const TITLE = '高分子材料研发工程师（旅程）';

journey(
  'HR publishes a demand, the admin approves it, a talent applies, HR sees the applicant ranked',
  async (page) => {
    await page.goto('/login');
    await signIn(page, 'enterprise.wuxing');
    await expectHeading(page, homeTitles.enterprise);
    await page.goto('/enterprise/demand');
    await expectHeading(page, '发布人才需求');
    await page.getByLabel('岗位名称').fill(TITLE);
    await page.getByLabel('职业', { exact: true }).fill('材料研发工程师');
    await page.getByLabel('需求人数').fill('2');
    await page.getByLabel('专业').fill('材料科学');
    await page.getByLabel('工作年限（年）').fill('3');
    await page.getByLabel('月薪下限（元）').fill('15000');
    await page.getByLabel('月薪上限（元）').fill('12000');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('月薪上限不能低于下限').waitFor(); // validated before it is sent
    await page.getByLabel('月薪上限（元）').fill('26000');
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.getByText('已提交，区人才办审核通过后发布。').waitFor();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await shoot(page, 'demand-hr');
    await signOut(page);

    await signIn(page, 'admin.wuxing');
    await page.getByRole('button', { name: '退出登录' }).waitFor(); // signed in; the app returns to the last page
    await page.goto('/admin/demand');
    await expectHeading(page, '人才需求审核与紧缺职业目录');
    await page.getByRole('heading', { name: '紧缺职业目录', exact: true }).waitFor();
    await page.getByRole('cell', { name: '材料研发工程师' }).first().waitFor();
    await shoot(page, 'demand-admin');
    await page.getByRole('button', { name: `通过并发布 ${TITLE}` }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor({ state: 'detached' });
    await signOut(page);

    await signIn(page, 'talent.wuxing');
    await page.getByRole('button', { name: '退出登录' }).waitFor(); // signed in; the app returns to the last page
    await page.goto('/jobs');
    await expectHeading(page, '岗位与人才需求');
    const optIn = page.getByRole('switch', { name: '向用人单位推荐我' });
    if ((await optIn.getAttribute('aria-checked')) !== 'true') await optIn.click();
    await page.getByRole('switch', { name: '向用人单位推荐我', checked: true }).waitFor();
    const recommended = page.getByRole('region', { name: '为您推荐' });
    const card = recommended
      .locator('.demand-card')
      .filter({ has: page.getByRole('heading', { name: TITLE }) });
    await card.getByText(/^匹配度 \d+$/).waitFor();
    await card.getByText(/专业相符：材料科学与工程/).waitFor();
    await card.getByText(/岗位属紧缺职业（非常紧缺）/).waitFor();
    await shoot(page, 'demand-jobs');
    await card.getByRole('button', { name: `申请 ${TITLE}` }).click();
    await card.getByRole('button', { name: '已申请' }).waitFor();
    await signOut(page);

    await signIn(page, 'enterprise.wuxing');
    await page.getByRole('button', { name: '退出登录' }).waitFor(); // signed in; the app returns to the last page
    await page.goto('/enterprise/demand');
    const mine = page.locator('.demand-card').filter({ has: page.getByRole('heading', { name: TITLE }) });
    await mine.getByText('已发布').waitFor();
    await mine.getByRole('button', { name: '查看申请人' }).click();
    await mine.getByRole('tab', { name: '申请人（1）' }).waitFor();
    const first = mine.getByRole('row').nth(1);
    await first.getByRole('cell', { name: '1', exact: true }).waitFor();
    await first.getByText(/专业相符/).waitFor();
    await shoot(page, 'demand-applicants');
  },
);
